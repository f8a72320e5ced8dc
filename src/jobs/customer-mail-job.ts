/**
 * Sends the customer e-mails the invoice life cycle queued (customer_mails, docs/collection.md
 * "The customer's side"): claims due rows with a lease (SKIP LOCKED), renders subject, text and
 * HTML in the mail's language with the PDF attached, and hands them to SMTP. Without SMTP_URL a
 * mail is rendered all the same and kept in the local outbox (channel `outbox`, listed by
 * `npm run mail`) instead of being sent. A mail that cannot be sent is tried again with growing
 * waits and marked `failed` after the last try.
 */
import type { CoreContext } from '../core/context.js';
import { noticeText } from '../core/customer-side/notice-text.js';
import { groupedIban, paymentReference } from '../core/customer-side/payment-instructions.js';
import { registrationLabel } from '../core/customer-side/seller.js';
import type { Clock } from '../core/shared/clock.js';
import { costRegime } from '../core/workflows/collection-costs.js';
import { mailHtml, mailText } from '../outbound/customer-mail-body.js';
import type { Mailer } from '../outbound/mailer.js';
import type { ClaimedCustomerMail, SentCustomerMail, SqlCustomerMailOutbox } from '../store/customer-mail-outbox-repository.js';
import type { CustomerDocuments } from './customer-documents.js';
import type { Job, JobLog } from './job-runner.js';
import { MAIL_RETRY_WAITS } from './mail-job.js';

const BATCH = 20;
/**
 * Mails of a batch rendered and sent at once (docs/benchmarks.md "Test clock advance and timer
 * runner"). One after the other, each mail waited for its SQL look-ups, the SMTP server's answers
 * and the mark as sent while the CPU had nothing to do: the clock advance's mails took 11.8 ms
 * each, about half of it waiting. With four in flight the waits overlap with another mail's
 * rendering. Mails of one invoice stay in order, in one lane.
 */
export const MAIL_CONCURRENCY = 4;
/** Long enough for rendering a PDF and a slow SMTP server; a crashed worker's rows return after it. */
const LEASE_MS = 120_000;

export interface CustomerMailJobOptions {
  outbox: SqlCustomerMailOutbox;
  documents: CustomerDocuments;
  /** The core's store and per-merchant clocks: a mail's sent time is the merchant's business time. */
  core: Pick<CoreContext, 'store' | 'clocks'>;
  /** Undefined: no SMTP_URL, mails stay in the local outbox. */
  mailer: Mailer | undefined;
  /** Real time, for leases and retries. */
  clock: Clock;
  log: JobLog;
}

export class CustomerMailJob implements Job {
  readonly name = 'customer-mail';

  constructor(private readonly options: CustomerMailJobOptions) {}

  async runOnce(): Promise<boolean> {
    const now = this.options.clock.now();
    const mails = await this.options.outbox.claim(now, new Date(now.getTime() + LEASE_MS), BATCH);
    await this.deliverAll(mails);
    return mails.length === BATCH;
  }

  /**
   * Sends every pending e-mail of one merchant now, also those waiting for a retry, each tried
   * once; answers how many were handed over (to SMTP or the local outbox). The sandbox clock
   * advance calls it (ClockFollowUp.sendCustomerMails, core/sandbox/clock-follow-up.ts).
   */
  async sendCustomerMails(merchantId: string): Promise<number> {
    let handedOver = 0;
    let afterId = '0';
    for (;;) {
      const now = this.options.clock.now();
      const mails = await this.options.outbox.claim(now, new Date(now.getTime() + LEASE_MS), BATCH, { id: merchantId, afterId });
      if (mails.length === 0) return handedOver;
      handedOver += await this.deliverAll(mails);
      afterId = mails[mails.length - 1]!.id;
    }
  }

  /**
   * Delivers a claimed batch MAIL_CONCURRENCY at a time, each invoice's mails in claim order, and
   * answers how many were handed over. The batch's pay tokens are committed in one statement before
   * the first mail goes, and the mails handed over are marked sent in one statement after the last:
   * on PostgreSQL every commit waits for its WAL flush, and two commits per mail were most of what
   * the clock advance waited on (docs/benchmarks.md "Test clock advance and timer runner"). A crash
   * between sending and marking sends the batch's mails again after their lease, as a crash between
   * one mail's sending and its mark did before: customer e-mails go out at least once.
   */
  private async deliverAll(mails: readonly ClaimedCustomerMail[]): Promise<number> {
    if (mails.length === 0) return 0;
    const tokens = await this.options.documents.payTokens([...new Set(mails.map((mail) => mail.invoiceId))]);
    const byInvoice = new Map<string, ClaimedCustomerMail[]>();
    for (const mail of mails) {
      const lane = byInvoice.get(mail.invoiceId);
      if (lane) lane.push(mail);
      else byInvoice.set(mail.invoiceId, [mail]);
    }
    const lanes = [...byInvoice.values()];
    const sent: (SentCustomerMail & { id: string })[] = [];
    const worker = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        for (const mail of lane) {
          const handedOver = await this.deliver(mail, tokens.get(mail.invoiceId));
          if (handedOver) sent.push({ id: mail.id, ...handedOver });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(MAIL_CONCURRENCY, lanes.length) }, worker));
    } finally {
      await this.options.outbox.markAllSent(sent);
    }
    return sent.length;
  }

  /** What was handed over, or undefined when the mail was not (its failed attempt is recorded). */
  private async deliver(mail: ClaimedCustomerMail, payToken: string | undefined): Promise<SentCustomerMail | undefined> {
    const { outbox, mailer, clock } = this.options;
    try {
      const rendered = await this.render(mail, mailer !== undefined, payToken);
      if (mailer) await mailer.send(rendered.mail);
      return { at: rendered.sentAt(), channel: mailer ? 'smtp' : 'outbox', subject: rendered.mail.subject, body: rendered.mail.text };
    } catch (error) {
      const wait = MAIL_RETRY_WAITS[mail.attempts];
      const retryAt = wait === undefined ? undefined : new Date(clock.now().getTime() + wait * 1000);
      this.options.log.error({ err: error, job: this.name }, `customer mail ${mail.id} not sent${retryAt ? '; will retry' : '; giving up'}`);
      await outbox.markFailedAttempt(mail.id, (error as Error).message ?? String(error), retryAt);
      return undefined;
    }
  }

  private async render(claimed: ClaimedCustomerMail, withPdf: boolean, payToken: string | undefined) {
    const { store, clocks } = this.options.core;
    const { documents } = this.options;
    const merchant = await store.merchants.findById(claimed.merchantId);
    const invoice = merchant && (await store.read.invoices.find(merchant.id, claimed.invoiceNumber));
    if (!merchant || !invoice) throw new Error(`invoice ${claimed.invoiceId} of merchant ${claimed.merchantId} not found`);
    const { mail } = claimed;
    const [seller, payUrl] = await Promise.all([
      documents.seller(merchant),
      payToken ? documents.payLink(payToken, mail.language) : documents.payUrl(invoice, mail.language),
    ]);
    const reference = paymentReference(invoice.invoiceNumber).text;
    const notice = noticeText({
      mail,
      regime: costRegime(invoice.customer.type, invoice.customer.address.countryCode),
      invoiceNumber: invoice.invoiceNumber,
      seller: { name: seller.name, registrationLabel: registrationLabel(seller, mail.language), registrationNumber: seller.registrationNumber },
      purchased: invoice.lines.map((line) => (line.quantity === 1 ? line.description : `${line.quantity} × ${line.description}`)).join(', '),
      platformName: documents.platform.name,
      transfer: { iban: groupedIban(documents.platform.iban), accountHolder: documents.platform.accountHolder, reference },
      payUrl,
    });
    // The invoice itself, or for the later steps the letter with the invoice behind it, so each
    // mail's PDF carries the content the law asks of that step.
    const pdf = withPdf
      ? await documents.invoicePdf(invoice, merchant, {
          seller,
          payUrl,
          language: mail.language,
          notice: mail.kind === 'invoice' ? undefined : notice,
          amountDue: mail.amountDue,
          costsDue: mail.costsDue,
          at: claimed.createdAt,
          dueDate: mail.dueDate,
          payBy: mail.payBefore,
        })
      : undefined;
    const fileName = `${mail.kind === 'invoice' ? (mail.language === 'nl' ? 'factuur' : 'invoice') : mail.kind.replace('_', '-')}-${invoice.invoiceNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
    return {
      mail: {
        to: claimed.recipient,
        subject: notice.subject,
        text: mailText(notice),
        html: mailHtml(notice, mail.language, payUrl),
        attachments: pdf ? [{ filename: fileName, content: pdf, contentType: 'application/pdf' }] : undefined,
      },
      sentAt: () => clocks.clockFor(merchant).now(),
    };
  }
}
