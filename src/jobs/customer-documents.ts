/**
 * Builds what the customer sees of an invoice, for the customer mail job, the invoice file link
 * and the pay page alike: the seller, the pay page's link (handing out the invoice's pay token on
 * first use) and the invoice PDF with the platform's payment details.
 */
import type { NoticeText } from '../core/customer-side/notice-text.js';
import type { PlatformAccount } from '../core/customer-side/payment-instructions.js';
import { type Seller, sellerOf } from '../core/customer-side/seller.js';
import type { MailLanguage } from '../core/invoices/life-cycle/types.js';
import { mailLanguage } from '../core/invoices/life-cycle/life-cycle.js';
import type { Merchant } from '../core/merchants/merchant.js';
import { openAmountsOf } from '../core/invoices/open-amounts.js';
import type { Invoice } from '../core/orders/invoice.js';
import { addDays, amsterdamDate, type IsoDate } from '../core/shared/dates.js';
import type { Cents } from '../core/shared/money.js';
import { inThreadPdfRenderer, type PdfRenderer } from '../outbound/pdf-render-pool.js';
import type { Queryable } from '../store/database.js';
import { SqlCustomerDocumentFacts } from '../store/customer-document-repository.js';
import { SqlPayTokens } from '../store/pay-token-repository.js';

export interface CustomerDocumentOptions {
  platform: PlatformAccount;
  /** The base of public links, known once the server listens. */
  baseUrl: () => string;
  /** 128 random bits for a new pay token. */
  newToken: () => string;
  /** Renders the PDF: on worker threads (PDF_WORKERS), or on this thread when absent. */
  pdfRenderer?: PdfRenderer | undefined;
}

export interface PdfRequest {
  /** Already looked up by the caller (the mail job does, for the mail's text): spares two queries per PDF. */
  seller?: Seller | undefined;
  payUrl?: string | undefined;
  language?: MailLanguage | undefined;
  notice?: NoticeText | undefined;
  /** What a mail states; otherwise what is open now, costs included (`openAmountsOf`). */
  amountDue?: Cents | undefined;
  costsDue?: Cents | undefined;
  /** The business time of the document; the invoice e-mail's for the invoice itself. */
  at?: Date | undefined;
  /** The due date and the last day to pay that a mail states. */
  dueDate?: IsoDate | undefined;
  payBy?: IsoDate | undefined;
  /** The mail asks to pay now: its due date has passed and no new last day was set. */
  payNow?: boolean | undefined;
  /**
   * When the first invoice e-mail was queued, if the caller looked it up already (the mail job,
   * for its whole batch): null when none was; undefined to look it up here.
   */
  mailedAt?: Date | null | undefined;
}

/** What the mail job looks up once for its whole batch of mails (CustomerDocuments.forBatch). */
export interface BatchFacts {
  invoices: Map<string, Invoice>;
  mailedAt: Map<string, Date>;
}

export class CustomerDocuments {
  private readonly facts: SqlCustomerDocumentFacts;
  private readonly tokens: SqlPayTokens;
  private readonly renderer: PdfRenderer;

  constructor(
    db: Queryable,
    private readonly options: CustomerDocumentOptions,
  ) {
    this.facts = new SqlCustomerDocumentFacts(db);
    this.tokens = new SqlPayTokens(db);
    this.renderer = options.pdfRenderer ?? inThreadPdfRenderer();
  }

  get platform(): PlatformAccount {
    return this.options.platform;
  }

  async seller(merchant: Merchant): Promise<Seller> {
    return sellerOf(merchant, await this.facts.profile(merchant.id));
  }

  async payUrl(invoice: Pick<Invoice, 'id'>, language?: MailLanguage): Promise<string> {
    return this.payLink(await this.tokens.tokenFor(invoice.id, this.options.newToken()), language);
  }

  /**
   * The pay tokens of several invoices at once (the mail job's batch), given out and committed in
   * one statement before any mail that carries them is sent.
   */
  payTokens(invoiceIds: readonly string[]): Promise<Map<string, string>> {
    return this.tokens.tokensFor(new Map(invoiceIds.map((id) => [id, this.options.newToken()])));
  }

  payLink(token: string, language?: MailLanguage): string {
    return `${this.options.baseUrl().replace(/\/+$/, '')}/pay/${token}${language ? `?lang=${language}` : ''}`;
  }

  /** The invoices of a batch of mails by id, and when each one's first invoice e-mail was queued. */
  async forBatch(invoiceIds: readonly string[]): Promise<BatchFacts> {
    const [invoices, mailedAt] = await Promise.all([this.facts.invoicesById(invoiceIds), this.facts.invoicesMailedAt(invoiceIds)]);
    return { invoices, mailedAt };
  }

  findByPayToken(token: string) {
    return this.tokens.findInvoice(token);
  }

  async invoicePdf(invoice: Invoice, merchant: Merchant, request: PdfRequest = {}): Promise<Buffer> {
    // Unasked (the File action, v2 reconciliation), the PDF speaks the language of the customer's
    // own mails: the merchant hands the same document on to the customer.
    const language = request.language ?? invoice.lifeCycle?.language ?? mailLanguage(invoice.customer.address.countryCode);
    const [seller, payUrl, mailedAt] = await Promise.all([
      request.seller ?? this.seller(merchant),
      request.payUrl ?? this.payUrl(invoice, language),
      request.mailedAt !== undefined ? (request.mailedAt ?? undefined) : this.facts.invoiceMailedAt(invoice.id),
    ]);
    // The invoice is issued when it is sent to the customer (its e-mail); before that, on the
    // day the merchant started the workflow, or the order date (docs/collection.md "The invoice PDF").
    const issuedAt = mailedAt ?? invoice.workflowStartedAt;
    const issueDate = issuedAt ? amsterdamDate(issuedAt) : invoice.orderDate;
    const open = openAmountsOf(invoice);
    const term = invoice.dueDate ? undefined : merchant.workflows.find((w) => w.number === invoice.workflowNumber)?.paymentTermDays ?? 14;
    return this.renderer.render({
      invoice,
      seller,
      language,
      platform: this.options.platform,
      payUrl,
      issueDate,
      letterDate: request.at ? amsterdamDate(request.at) : undefined,
      deliveryDate: invoice.workflowStartedAt ? amsterdamDate(invoice.workflowStartedAt) : invoice.orderDate,
      dueDate: request.dueDate ?? invoice.dueDate ?? addDays(issueDate, term ?? 14),
      payBy: request.payBy,
      payNow: request.payNow,
      amountDue: request.amountDue ?? open.totalOpen,
      costsDue: request.costsDue ?? open.costsOpen,
      notice: request.notice,
    });
  }
}
