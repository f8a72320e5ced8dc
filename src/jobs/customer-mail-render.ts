/**
 * Renders one customer e-mail from what the life cycle stored with it: subject, text and HTML in
 * the mail's language, and the PDF it carries (the invoice, or for the later steps the letter with
 * the invoice behind it, so each mail's PDF carries the content the law asks of that step). The
 * customer mail job sends what this renders; the dashboard shows a stored mail again through it
 * (customerMailRenderer), so both say the same.
 */
import type { CustomerMailRenderer } from '../core/dashboard/dashboard-ports.js';
import { noticeText } from '../core/customer-side/notice-text.js';
import { groupedIban, paymentReference } from '../core/customer-side/payment-instructions.js';
import { registrationLabel, type Seller } from '../core/customer-side/seller.js';
import type { LifeCycleMail } from '../core/invoices/life-cycle/types.js';
import type { Merchant } from '../core/merchants/merchant.js';
import type { Invoice } from '../core/orders/invoice.js';
import { costRegime } from '../core/workflows/collection-costs.js';
import { mailHtml, mailText } from '../outbound/customer-mail-body.js';
import type { CustomerDocuments } from './customer-documents.js';

export interface MailToRender {
  recipient: string;
  mail: LifeCycleMail;
  /** The merchant's business time of the step that queued the mail. */
  createdAt: Date;
}

/**
 * `payToken`: the invoice's pay token when the caller gave out a batch's tokens at once (the mail
 * job); `known`: what the caller already looked up for its batch (the seller, the first invoice
 * e-mail's time), which is then not looked up again.
 */
export async function renderCustomerMail(
  documents: CustomerDocuments,
  merchant: Merchant,
  invoice: Invoice,
  stored: MailToRender,
  withPdf: boolean,
  payToken?: string,
  known: { seller?: Seller | undefined; mailedAt?: Date | null | undefined } = {},
) {
  const { mail } = stored;
  const [seller, payUrl] = await Promise.all([
    known.seller ?? documents.seller(merchant),
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
  const pdf = withPdf
    ? await documents.invoicePdf(invoice, merchant, {
        seller,
        payUrl,
        language: mail.language,
        notice: mail.kind === 'invoice' ? undefined : notice,
        amountDue: mail.amountDue,
        costsDue: mail.costsDue,
        at: stored.createdAt,
        dueDate: mail.dueDate,
        payBy: mail.payBefore,
        payNow: mail.payNow,
        mailedAt: known.mailedAt,
      })
    : undefined;
  const fileName = `${mail.kind === 'invoice' ? (mail.language === 'nl' ? 'factuur' : 'invoice') : mail.kind.replace('_', '-')}-${invoice.invoiceNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
  return {
    to: stored.recipient,
    subject: notice.subject,
    text: mailText(notice),
    html: mailHtml(notice, mail.language, payUrl),
    attachments: pdf ? [{ filename: fileName, content: pdf, contentType: 'application/pdf' }] : undefined,
  };
}

/** The dashboard's view of a stored mail, through the same rendering as the job's. */
export function customerMailRenderer(documents: CustomerDocuments): CustomerMailRenderer {
  return {
    async render(merchant, invoice, stored, withPdf) {
      const rendered = await renderCustomerMail(documents, merchant, invoice, stored, withPdf);
      return { subject: rendered.subject, text: rendered.text, pdf: rendered.attachments?.[0]?.content };
    },
  };
}
