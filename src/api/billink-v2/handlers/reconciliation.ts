/**
 * Reconciliation (spec §2.11, §2.10; paths ours, §7.1):
 * - POST /v2/client/invoices?page=&date_from=&date_to= — a page of the merchant's invoices with
 *   `master_client`, `page`, `total_invoices` (a string, as documented) and `total_pages`;
 * - POST /v2/client/invoice/download — the invoice PDF.
 * Both answer errors as `{status: "error", message}` with 400 or 404.
 */
import type { FastifyInstance } from 'fastify';
import { findInvoice, type FindInvoiceError } from '../../../core/invoices/find-invoice.js';
import { type ListInvoicesError, listInvoices } from '../../../core/invoices/list-invoices.js';
import type { InvoiceSummary } from '../../../core/ports.js';
import { isDomainError } from '../../../core/shared/errors.js';
import { formatAmount } from '../../../core/shared/money.js';
import { stepDescription } from '../../../core/workflows/steps.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES, STATUS_ERROR_SCHEMA } from '../schemas/common.js';
import { isRecord, text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { statusError } from '../v2-errors.js';
import { authenticateOrRefuse } from './status-family-route.js';

const LIST_ERRORS: Record<ListInvoicesError, [status: 400 | 404, message: string]> = {
  page_invalid: [400, 'Invalid page parameter'],
  date_from_invalid: [400, 'Invalid date_from parameter'],
  date_to_invalid: [400, 'Invalid date_to parameter'],
  date_range_invalid: [400, 'date_from is after date_to'],
  invoices_not_found: [404, 'No invoices found'],
};

const DOWNLOAD_ERRORS: Record<FindInvoiceError, [status: 400 | 404, message: string]> = {
  invoice_number_missing: [400, 'invoiceNumber parameter missing'],
  invoice_unknown: [404, 'Invoice not found'],
};

const RECONCILIATION_BODY = {
  type: 'object',
  properties: { billinkUsername: CREDENTIAL_PROPERTIES.billinkUsername, billinkId: CREDENTIAL_PROPERTIES.billinkID },
  required: ['billinkUsername', 'billinkId'],
} as const;

const AMOUNT = { type: 'string', description: 'Euros with two decimals, e.g. "104.85"' } as const;
const CENTS = { type: 'integer' } as const;

const INVOICE_SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: 'string', description: "Billink's invoice number" },
    invoice_number_clean: { type: 'string', description: "The merchant's order number" },
    custom_invoice_id: { type: ['string', 'null'] },
    workflow_number: { type: 'integer' },
    invoice_date: { type: 'string', format: 'date' },
    due_date: { type: ['string', 'null'], format: 'date' },
    currency: { type: 'string' },
    status: { enum: ['open', 'paid', 'credited'] },
    workflow_step: { type: 'string' },
    total_amount: AMOUNT,
    paid_amount: AMOUNT,
    credited_amount: AMOUNT,
    open_amount: AMOUNT,
    total_amount_cents: CENTS,
    paid_amount_cents: CENTS,
    credited_amount_cents: CENTS,
    open_amount_cents: CENTS,
    costs_amount: { ...AMOUNT, description: 'Our extension: reminder fees and collection costs added, paid or not' },
    costs_amount_cents: CENTS,
    paid_out: { enum: [0, 1], description: 'Our extension: PAIDOUT as status answers it (docs/collection.md)' },
    settlements: {
      type: 'array',
      description: "Our extension: the merchant's payouts and claw-backs of the invoice, oldest first, each with the merchant's fee",
      items: {
        type: 'object',
        properties: {
          kind: { enum: ['payout', 'clawback'] },
          gross_amount: AMOUNT,
          fee_amount: AMOUNT,
          net_amount: AMOUNT,
          gross_amount_cents: CENTS,
          fee_amount_cents: CENTS,
          net_amount_cents: CENTS,
          settled_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;

export function reconciliationRoutes(app: FastifyInstance, context: V2Context): void {
  app.post(
    '/v2/client/invoices',
    {
      schema: {
        summary: "A page (100 per page) of the merchant's invoices, optionally between two invoice dates",
        tags: ['v2'],
        querystring: {
          type: 'object',
          properties: {
            page: { type: 'string', description: '1-based page number; 1 when absent' },
            date_from: { type: 'string', description: 'First invoice date, yyyy-mm-dd or dd-mm-yyyy' },
            date_to: { type: 'string', description: 'Last invoice date, yyyy-mm-dd or dd-mm-yyyy' },
          },
        },
        body: RECONCILIATION_BODY,
        response: {
          200: {
            type: 'object',
            properties: {
              invoices: { type: 'array', items: INVOICE_SCHEMA },
              master_client: {
                type: 'object',
                properties: { username: { type: 'string' }, name: { type: 'string' }, code: { type: 'string' } },
              },
              page: { type: 'integer' },
              total_invoices: { type: 'string' },
              total_pages: { type: 'integer' },
            },
            required: ['invoices', 'master_client', 'page', 'total_invoices', 'total_pages'],
          },
          400: STATUS_ERROR_SCHEMA,
          404: STATUS_ERROR_SCHEMA,
          429: STATUS_ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const merchant = await authenticateOrRefuse(context, request, reply);
      if (!merchant) return reply;
      const query = (request.query ?? {}) as Record<string, unknown>;
      const body = isRecord(request.body) ? request.body : {};
      try {
        const list = await listInvoices(context, merchant, {
          page: text(query.page) ?? text(body.page),
          dateFrom: text(query.date_from) ?? text(body.date_from),
          dateTo: text(query.date_to) ?? text(body.date_to),
        });
        return {
          invoices: list.invoices.map(invoiceJson),
          master_client: { username: merchant.username, name: merchant.name, code: merchant.code },
          page: list.page,
          total_invoices: String(list.totalInvoices),
          total_pages: list.totalPages,
        };
      } catch (error) {
        if (!isDomainError(error) || !Object.hasOwn(LIST_ERRORS, error.code)) throw error;
        const [status, message] = LIST_ERRORS[error.code as ListInvoicesError];
        return reply.code(status).send(statusError(message));
      }
    },
  );

  app.post(
    '/v2/client/invoice/download',
    {
      schema: {
        summary: 'The invoice as a PDF document',
        tags: ['v2'],
        body: {
          ...RECONCILIATION_BODY,
          properties: { ...RECONCILIATION_BODY.properties, ...INVOICE_REFERENCE_PROPERTIES },
          required: [...RECONCILIATION_BODY.required, 'invoiceNumber'],
        },
        response: {
          200: { description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          400: STATUS_ERROR_SCHEMA,
          404: STATUS_ERROR_SCHEMA,
          429: STATUS_ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const merchant = await authenticateOrRefuse(context, request, reply);
      if (!merchant) return reply;
      const body = isRecord(request.body) ? request.body : {};
      try {
        const invoice = await findInvoice(context, merchant, {
          number: text(body.invoiceNumber) ?? text(body.invoice),
          workflowNumber: text(body.workflowNumber),
        });
        const pdf = await context.renderInvoicePdf(invoice, merchant);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${invoice.invoiceNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      } catch (error) {
        if (!isDomainError(error) || !Object.hasOwn(DOWNLOAD_ERRORS, error.code)) throw error;
        const [status, message] = DOWNLOAD_ERRORS[error.code as FindInvoiceError];
        return reply.code(status).send(statusError(message));
      }
    },
  );
}

/**
 * `paid_amount` is the principal paid, `open_amount` what the customer still owes: the principal
 * open plus costs added and not paid (docs/collection.md "What status and order info show").
 */
function invoiceJson(invoice: InvoiceSummary) {
  const open = invoice.total - invoice.paid - invoice.credited + invoice.costs - invoice.costsPaid;
  return {
    invoice_number: invoice.invoiceNumber,
    invoice_number_clean: invoice.merchantNumber,
    custom_invoice_id: invoice.customInvoiceId ?? null,
    workflow_number: invoice.workflowNumber,
    invoice_date: invoice.orderDate,
    due_date: invoice.dueDate ?? null,
    currency: invoice.currency,
    status: invoice.status,
    workflow_step: stepDescription(invoice.step, invoice.reminderNumber),
    total_amount: formatAmount(invoice.total),
    paid_amount: formatAmount(invoice.paid),
    credited_amount: formatAmount(invoice.credited),
    open_amount: formatAmount(open),
    total_amount_cents: invoice.total,
    paid_amount_cents: invoice.paid,
    credited_amount_cents: invoice.credited,
    open_amount_cents: open,
    costs_amount: formatAmount(invoice.costs),
    costs_amount_cents: invoice.costs,
    paid_out: invoice.paidOut ? 1 : 0,
    settlements: invoice.settlements.map((settlement) => ({
      kind: settlement.kind,
      gross_amount: formatAmount(settlement.gross),
      fee_amount: formatAmount(settlement.fee),
      net_amount: formatAmount(settlement.net),
      gross_amount_cents: settlement.gross,
      fee_amount_cents: settlement.fee,
      net_amount_cents: settlement.net,
      settled_at: settlement.at.toISOString(),
    })),
  };
}
