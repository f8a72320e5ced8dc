/**
 * ACTION pdf (spec §2.10): DESCRIPTION holds a URL of the invoice PDF. avido only checks that it
 * is not empty; a URL lets every client fetch the file with what it already has.
 */
import { findInvoice } from '../../../core/invoices/find-invoice.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { FILE_ERRORS } from '../../billink-common/file-errors.js';
import { invoicePdfUrl } from '../../invoice-files/invoice-file-url.js';
import { messageResponse } from '../xml-response.js';

export const fileEndpoint: LegacyEndpoint = {
  errors: FILE_ERRORS,
  async handle(context, merchant, request) {
    const invoice = await findInvoice(context, merchant, {
      number: request.text('INVOICENUMBER'),
      workflowNumber: request.text('WORKFLOWNUMBER'),
    });
    return messageResponse([['CODE', '200'], ['DESCRIPTION', invoicePdfUrl(context.links.baseUrl, invoice)]]);
  },
};
