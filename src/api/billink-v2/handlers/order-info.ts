/**
 * POST /v2/client/order/info, "Order Info" (spec §2.4; path ours, §7.1): the JSON form of the XML
 * Status answer, `invoices: [{invoiceNumber, status, description, paidOut}]` with `status` a JSON
 * number (-1 not found, 0 unpaid, 1 paid) and `paidOut` 0 or 1, absent for unknown invoices. Our
 * extension: `dispute` while the invoice has an open dispute (spec §2.16; docs/v2-api.md
 * "Disputes in order info"), absent otherwise, so clients that parse Billink's fields see no change.
 */
import type { FastifyInstance } from 'fastify';
import { DISPUTE_CATEGORIES, type Dispute } from '../../../core/disputes/dispute.js';
import { invoiceStatuses, MAX_INVOICES_PER_STATUS } from '../../../core/invoices/invoice-status.js';
import { STATUS_ERRORS } from '../../billink-common/status-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { readInvoiceItems } from './read-invoices.js';

export function orderInfoRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/order/info',
    summary: 'Paid state and current workflow step of up to 100 invoices',
    errors: STATUS_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        workflowNumber: INVOICE_REFERENCE_PROPERTIES.workflowNumber,
        invoices: {
          type: 'array',
          maxItems: MAX_INVOICES_PER_STATUS,
          items: {
            oneOf: [
              { type: 'object', properties: INVOICE_REFERENCE_PROPERTIES, required: ['invoiceNumber'] },
              { type: 'string', description: 'Just the invoice number' },
            ],
          },
        },
      },
      required: ['billinkUsername', 'billinkID', 'invoices'],
    },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        code: { const: '200' },
        invoices: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              invoiceNumber: { type: 'string' },
              status: { enum: [-1, 0, 1] },
              description: { type: 'string', description: '"Order not found", "No steps given" or the current step' },
              paidOut: { enum: [0, 1] },
              dispute: {
                type: 'object',
                description: 'Our extension: the open dispute that pauses the collection; absent when there is none',
                properties: {
                  id: { type: 'string', description: 'The dispute id, as /v2/client/order/dispute/list and /resolve take it' },
                  category: { type: 'integer' },
                  categoryName: { type: 'string', description: "In the dispute's locale" },
                  createdAt: { type: 'string', description: 'When it was opened, ISO 8601' },
                  message: { type: 'string' },
                },
                required: ['id', 'category', 'categoryName', 'createdAt', 'message'],
              },
            },
            required: ['invoiceNumber', 'status', 'description'],
          },
        },
      },
      required: ['result', 'code', 'invoices'],
    },
    async handle(merchant, body, context) {
      const statuses = await invoiceStatuses(context, merchant, readInvoiceItems(body.invoices, text(body.workflowNumber)), { disputes: true });
      return {
        result: 'MSG',
        code: '200',
        invoices: statuses.map((status) => ({
          invoiceNumber: status.number,
          status: status.status,
          description: status.description,
          ...(status.paidOut === undefined ? {} : { paidOut: status.paidOut ? 1 : 0 }),
          ...(status.dispute ? { dispute: openDisputeWire(status.dispute) } : {}),
        })),
      };
    },
  });
}

/** The open dispute as order info shows it: what a support desk needs to see why collection waits. */
function openDisputeWire(dispute: Dispute) {
  const category = DISPUTE_CATEGORIES.find((known) => known.id === dispute.category);
  return {
    id: dispute.id,
    category: dispute.category,
    categoryName: category ? category[dispute.locale] : String(dispute.category),
    createdAt: dispute.openedAt.toISOString(),
    message: dispute.message,
  };
}
