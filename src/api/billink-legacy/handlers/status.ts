/** ACTION Status (spec §2.4): MSG/INVOICES/INVOICE (not ITEM) per requested invoice. */
import { invoiceStatuses } from '../../../core/invoices/invoice-status.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { STATUS_ERRORS } from '../../billink-common/status-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

export const statusEndpoint: LegacyEndpoint = {
  errors: STATUS_ERRORS,
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
