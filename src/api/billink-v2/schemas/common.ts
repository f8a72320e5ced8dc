/**
 * JSON schemas shared by several v2 routes. They document the wire for /v2/openapi.json; they do
 * not reject requests (the v2 routes answer bad input with Billink's own codes).
 */

/** billinkUsername with billinkID, or billinkId as the reconciliation pages write it (spec §1.3). */
export const CREDENTIAL_PROPERTIES = {
  billinkUsername: { type: 'string', description: 'Account username' },
  billinkID: { type: 'string', description: 'The 40-hex client id ("uid"); billinkId is read too' },
} as const;

/** An answer of the session, webhook, reconciliation and partner family (spec §7.2). */
export const STATUS_ERROR_SCHEMA = {
  type: 'object',
  properties: { status: { const: 'error' }, message: { type: 'string' } },
  required: ['status', 'message'],
} as const;

/** One invoice named by number, with the workflow it must belong to when sent. */
export const INVOICE_REFERENCE_PROPERTIES = {
  invoiceNumber: { type: 'string', description: "The merchant's order number or Billink's invoice number" },
  workflowNumber: { type: ['integer', 'string'], description: 'When sent, the invoice must belong to this workflow' },
} as const;

/** `{result: "MSG", code, description}`: the answer of single-invoice calls, like the XML MSG. */
export const MESSAGE_RESPONSE_SCHEMA = {
  type: 'object',
  properties: { result: { const: 'MSG' }, code: { type: 'string' }, description: { type: 'string' } },
  required: ['result', 'code', 'description'],
} as const;

/** Per-invoice outcome of batch calls; the code is a JSON number, as in the seeds' credit example. */
export const ITEM_RESULT_SCHEMA = {
  type: 'object',
  properties: { code: { type: 'integer' }, invoiceNumber: { type: 'string' }, message: { type: 'string' } },
  required: ['code', 'invoiceNumber', 'message'],
} as const;
