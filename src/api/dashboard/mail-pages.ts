/**
 * GET /dashboard/invoices/:number/mails/:id (an e-mail's subject and text) and .../pdf (the PDF
 * it carried), rendered again from the stored mail as the customer mail job renders it. The
 * invoice is looked up within the signed-in merchant and the mail within that invoice and
 * merchant, so another merchant's e-mail URL answers the not-found page (404).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findInvoice } from '../../core/invoices/find-invoice.js';
import { isDomainError } from '../../core/shared/errors.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { renderCustomerMail } from './render-customer-mail.js';
import type { PageHelpers } from './routes.js';
import { TEXTS } from './page-text.js';

type MailRequest = FastifyRequest<{ Params: { number: string; id: string } }>;

async function storedMail(context: DashboardContext, request: MailRequest) {
  const merchant = merchantOf(request);
  let invoice;
  try {
    invoice = await findInvoice(context, merchant, { number: request.params.number });
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
  const mail = await context.timeline.mail(merchant.id, invoice.id, request.params.id);
  return mail && { merchant, invoice, mail };
}

export function mailPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  app.get('/dashboard/invoices/:number/mails/:id', async (request: MailRequest, reply) => {
    const found = await storedMail(context, request);
    if (!found) return helpers.notFound(request, reply);
    const { merchant, invoice, mail } = found;
    // What was handed over is shown as it went; a mail not sent yet is rendered as it would go now.
    const rendered = mail.body === undefined ? await context.customerMails.render(merchant, invoice, mail, false) : undefined;
    const language = request.dashboard.language;
    const invoicePath = `${helpers.prefix()}/dashboard/invoices/${encodeURIComponent(invoice.invoiceNumber)}`;
    const main = renderCustomerMail({
      language,
      text: TEXTS[language],
      mail,
      subject: mail.subject ?? rendered?.subject ?? '',
      body: mail.body ?? rendered?.text ?? '',
      invoicePath,
      pdfUrl: `${invoicePath}/mails/${encodeURIComponent(mail.id)}/pdf`,
    });
    return helpers.page(request, reply, 200, { title: `${TEXTS[language].invoice} ${invoice.invoiceNumber}`, section: 'invoices', main });
  });

  app.get('/dashboard/invoices/:number/mails/:id/pdf', async (request: MailRequest, reply) => {
    const found = await storedMail(context, request);
    if (!found) return helpers.notFound(request, reply);
    const { merchant, invoice, mail } = found;
    const { pdf } = await context.customerMails.render(merchant, invoice, mail, true);
    if (!pdf) throw new Error(`customer mail ${mail.id} rendered without its PDF`);
    const name = `${mail.mail.kind.replace('_', '-')}-${invoice.invoiceNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(pdf));
  });
}
