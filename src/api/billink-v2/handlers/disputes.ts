/**
 * Disputes (spec §2.16; paths ours in the style of the order-management paths, docs/v2-api.md
 * "Disputes"): POST /v2/client/order/dispute opens one, /v2/client/order/dispute/list reads the
 * merchant's disputes or one by `id`, /v2/client/order/dispute/resolve resolves one (our
 * extension). Refusals are HTTP 400 `{code, message, error}`, the shape spec §2.16 documents.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateWithin, LIMITED } from '../../failed-auth-limit.js';
import { DISPUTE_CATEGORIES, MAX_DISPUTE_FILE_BYTES, disputeSteps, disputeStatus, type Dispute } from '../../../core/disputes/dispute.js';
import { openDispute } from '../../../core/disputes/open-dispute.js';
import { listDisputes, readDispute } from '../../../core/disputes/read-disputes.js';
import { resolveDispute } from '../../../core/disputes/resolve-dispute.js';
import type { Merchant } from '../../../core/merchants/merchant.js';
import { isDomainError } from '../../../core/shared/errors.js';
import { DISPUTE_ERRORS } from '../../billink-common/dispute-errors.js';
import { toWireError } from '../../billink-common/wire-error.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import { readCredentials, text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { contextOf } from '../request-context.js';

/** The dispute object of spec §2.16 (`id`, `status`, `steps`, `resolved`, …). */
export function disputeWire(dispute: Dispute) {
  const category = DISPUTE_CATEGORIES.find((known) => known.id === dispute.category);
  return {
    id: dispute.id,
    invoice: dispute.invoiceNumber,
    status: disputeStatus(dispute),
    resolved: dispute.resolvedAt !== undefined,
    steps: disputeSteps(dispute).map((step) => ({ step: step.step, date: step.at.toISOString(), ...(step.note ? { note: step.note } : {}) })),
    category: dispute.category,
    categoryName: category ? category[dispute.locale] : undefined,
    customerEmail: dispute.customerEmail,
    customerName: dispute.customerName,
    locale: dispute.locale,
    message: dispute.message,
    fileName: dispute.fileName ?? null,
    fileSize: dispute.fileSize ?? null,
    createdAt: dispute.openedAt.toISOString(),
    resolvedAt: dispute.resolvedAt?.toISOString() ?? null,
    resolution: dispute.resolution ?? null,
  };
}

const DISPUTE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    invoice: { type: 'string' },
    status: { enum: ['open', 'resolved'] },
    resolved: { type: 'boolean' },
    steps: { type: 'array', items: { type: 'object', properties: { step: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' } } } },
    category: { type: 'integer' },
    categoryName: { type: 'string' },
    customerEmail: { type: 'string' },
    customerName: { type: 'string' },
    locale: { enum: ['nl', 'en'] },
    message: { type: 'string' },
    fileName: { type: ['string', 'null'] },
    fileSize: { type: ['integer', 'null'] },
    createdAt: { type: 'string' },
    resolvedAt: { type: ['string', 'null'] },
    resolution: { type: ['string', 'null'] },
  },
} as const;

const ERROR_SCHEMA = {
  type: 'object',
  description: 'A refused dispute request (spec §2.16), HTTP 400',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;

/** The base64 of a 5 MiB attachment plus room for the other fields; other v2 bodies keep 1 MiB. */
const OPEN_BODY_LIMIT = Math.ceil((MAX_DISPUTE_FILE_BYTES / 3) * 4) + 64 * 1024;

function disputeError(reply: FastifyReply, code: string, params: Readonly<Record<string, string>> = {}) {
  const wire = toWireError(DISPUTE_ERRORS, code, params) ?? { code: '603', description: DISPUTE_ERRORS.catalogue['603'] };
  return reply.code(400).send({ code: wire.code, message: wire.description, error: { code: wire.code, message: wire.description } });
}

function register(
  app: FastifyInstance,
  shared: V2Context,
  path: string,
  summary: string,
  body: Record<string, unknown>,
  response: Record<string, unknown>,
  /** `context` is the request's: bound to its transaction for a keyed write (request-context.ts). */
  handle: (merchant: Merchant, body: Record<string, unknown>, context: V2Context) => Promise<unknown>,
  bodyLimit?: number,
): void {
  const schema = { summary, tags: ['v2'], body: { ...body, type: 'object' }, response: { 200: response, 400: ERROR_SCHEMA } };
  app.post(path, { schema, ...(bodyLimit ? { bodyLimit } : {}) }, async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = (request.body ?? {}) as Record<string, unknown>;
    const context = contextOf(request, shared);
    try {
      const { username, clientId } = readCredentials(fields);
      const merchant = await authenticateWithin(context.authLimit, request, context.store.merchants, username, clientId);
      if (merchant === LIMITED) return disputeError(reply, 'username_unknown');
      return await handle(merchant, fields, context);
    } catch (error) {
      if (isDomainError(error) && DISPUTE_ERRORS.map[error.code as keyof typeof DISPUTE_ERRORS.map]) return disputeError(reply, error.code, error.params);
      request.log.error({ err: error }, 'unexpected error in v2 dispute API');
      return disputeError(reply, 'unexpected');
    }
  });
}

export function disputeRoutes(app: FastifyInstance, context: V2Context): void {
  register(
    app,
    context,
    '/v2/client/order/dispute',
    'Open a dispute on one invoice: its collection pauses until the dispute is resolved',
    {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        invoice: { type: 'string', description: "The merchant's invoice (order) number" },
        category: { type: ['integer', 'string'], description: 'A category id of docs/v2-api.md "Dispute categories"' },
        customerEmail: { type: 'string' },
        customerName: { type: 'string' },
        locale: { type: 'string', description: 'nl or en (nl-NL, en_GB are read too); nl when absent' },
        message: { type: 'string' },
        file: { type: 'string', description: 'Optional attachment, base64, at most 5 MiB decoded' },
        fileName: { type: 'string', description: 'png, pdf, jpg, jpeg, doc, docx or heic; the content must match' },
      },
      required: ['billinkUsername', 'billinkID', 'invoice', 'category', 'customerEmail', 'customerName', 'message'],
    },
    DISPUTE_SCHEMA,
    async (merchant, body, context) =>
      disputeWire(
        await openDispute(context, merchant, {
          invoiceNumber: text(body.invoice),
          category: text(body.category),
          customerEmail: text(body.customerEmail),
          customerName: text(body.customerName),
          locale: text(body.locale),
          message: text(body.message),
          fileName: text(body.fileName),
          file: text(body.file),
        }),
      ),
    OPEN_BODY_LIMIT,
  );

  register(
    app,
    context,
    '/v2/client/order/dispute/list',
    "Read the merchant's disputes, newest first (at most 200), or one dispute by id",
    {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        id: { type: 'string', description: 'One dispute; the answer is then that dispute alone' },
        invoice: { type: 'string', description: 'Only the disputes of this invoice' },
        status: { enum: ['open', 'resolved'] },
      },
      required: ['billinkUsername', 'billinkID'],
    },
    { oneOf: [DISPUTE_SCHEMA, { type: 'object', properties: { disputes: { type: 'array', items: DISPUTE_SCHEMA } } }] },
    async (merchant, body, context) => {
      const id = text(body.id);
      if (id !== undefined) return disputeWire(await readDispute(context, merchant, id));
      const disputes = await listDisputes(context, merchant, { invoiceNumber: text(body.invoice), status: text(body.status) });
      return { disputes: disputes.map(disputeWire) };
    },
  );

  register(
    app,
    context,
    '/v2/client/order/dispute/resolve',
    'Resolve an open dispute (our extension): the collection of its invoice resumes, its days shifted by the days disputed',
    {
      properties: { ...CREDENTIAL_PROPERTIES, id: { type: 'string' }, resolution: { type: 'string', description: 'How it was resolved, at most 1000 characters' } },
      required: ['billinkUsername', 'billinkID', 'id'],
    },
    DISPUTE_SCHEMA,
    async (merchant, body, context) => disputeWire(await resolveDispute(context, merchant, { id: text(body.id), resolution: text(body.resolution) })),
  );
}
