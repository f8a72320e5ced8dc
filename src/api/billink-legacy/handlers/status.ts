/** ACTION Status (spec §2.4): MSG/INVOICES/INVOICE (not ITEM) per requested invoice. */
import { invoiceStatuses } from '../../../core/invoices/invoice-status.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { STATUS_ERRORS } from '../../billink-common/status-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

export const statusEndpoint: LegacyEndpoint = {
  errors: STATUS_ERRORS,
  // Nothing in a Status answer depends on the merchant's time: the rate limit counts in real time
  // (core/invoices/invoice-status.ts), the step and PAIDOUT are stored. So a sandbox merchant's
  // test clock is not read: a third of a statement and one wait less per request under the
  // bench's load (docs/benchmarks.md "Status of ten, in one wait").
  readsMerchantClock: false,
  async handle(context, merchant, request) {
    const workflowNumber = request.text('WORKFLOWNUMBER');
    const statuses = await invoiceStatuses(
      context,
      merchant,
      (request.list('INVOICES') ?? []).map((item) => ({
        number: item.text('INVOICENUMBER'),
        workflowNumber: item.text('WORKFLOWNUMBER') ?? workflowNumber,
      })),
    );
    const invoices: XmlNode[] = statuses.map((status) => {
      const fields: XmlNode[] = [
        ['INVOICENUMBER', status.number],
        ['STATUS', String(status.status)],
        ['DESCRIPTION', status.description],
      ];
      if (status.paidOut !== undefined) fields.push(['PAIDOUT', status.paidOut ? '1' : '0']);
      return ['INVOICE', fields];
    });
    return messageResponse([['CODE', '200'], ['INVOICES', invoices]]);
  },
};
