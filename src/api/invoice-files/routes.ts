/**
 * GET /files/invoices/<token>/<number>.pdf: the invoice PDF handed out by the File action. The
 * token is the credential; it is 128 random bits and belongs to one invoice. `?lang=nl|en` picks
 * the language (the pay page links with its own); without it, or with another value, the PDF is in
 * the language of the customer's mails.
 */
import type { FastifyInstance } from 'fastify';
import type { MerchantRepository } from '../../core/ports.js';
import type { Invoice } from '../../core/orders/invoice.js';
import type { Merchant } from '../../core/merchants/merchant.js';

export interface InvoiceFileSource {
  merchants: MerchantRepository;
  findByFileToken(token: string): Promise<Invoice | undefined>;
  renderPdf(invoice: Invoice, merchant: Merchant, language: 'nl' | 'en' | undefined): Promise<Buffer>;
}

export async function invoiceFileRoutes(app: FastifyInstance, source: InvoiceFileSource): Promise<void> {
  app.get<{ Params: { token: string; file: string }; Querystring: { lang?: unknown } }>('/files/invoices/:token/:file', async (request, reply) => {
    const { token, file } = request.params;
    const asked = request.query.lang;
    const language = asked === 'nl' || asked === 'en' ? asked : undefined;
    const invoice = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await source.findByFileToken(token) : undefined;
    const merchant = invoice && (await source.merchants.findById(invoice.merchantId));
    if (!invoice || !merchant || file !== `${invoice.invoiceNumber}.pdf`) {
      return reply.code(404).type('text/plain').send('Not found');
    }
    const pdf = await source.renderPdf(invoice, merchant, language);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${invoice.invoiceNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
