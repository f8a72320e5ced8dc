/**
 * POST /v2/partner/merchant/create, "Merchant Create" for partners (spec §2.15; path ours, §7.1).
 * Guarded by PARTNER_API_KEY (header X-Partner-Key or Authorization: Bearer), compared in constant
 * time; refused with 401/403 `{status: "error", message}`. Validation errors use Billink's flat
 * shape with HTTP 200, naming every missing or malformed field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import {
  type CreateMerchantError,
  type CreateMerchantInput,
  createMerchant,
  type OptionalMerchantField,
  REQUIRED_MERCHANT_FIELDS,
  type RequiredMerchantField,
} from '../../../core/merchants/create-merchant.js';
import { isDomainError } from '../../../core/shared/errors.js';
import type { EndpointErrors } from '../../billink-common/wire-error.js';
import { MANAGEMENT_ERROR_SCHEMA } from '../management-route.js';
import { STATUS_ERROR_SCHEMA } from '../schemas/common.js';
import { isRecord, text } from '../v2-credentials.js';
import { readWorkflowSettings, WORKFLOW_SCHEMA, WORKFLOW_SETTINGS_PROPERTIES, wholeNumber, workflowAnswer } from '../workflow-wire.js';
import type { V2Context } from '../v2-context.js';
import { contextOf } from '../request-context.js';
import { GENERIC_MANAGEMENT_ERROR, managementErrorFor, statusError } from '../v2-errors.js';
import { TOO_MANY_FAILURES } from '../../failed-auth-limit.js';
import { BUCKAROO_CREDENTIALS_SCHEMA } from './buckaroo-credentials.js';

/** Wire names of the fields (spec §2.15); the partner's own credentials are billinkUsername/billinkID. */
export const MERCHANT_FIELD_NAMES: Record<RequiredMerchantField | OptionalMerchantField, string> = {
  partnerUsername: 'billinkUsername',
  partnerId: 'billinkID',
  username: 'username',
  email: 'email',
  companyName: 'companyName',
  firstName: 'firstName',
  lastName: 'lastName',
  phone: 'phone',
  contactEmail: 'contactEmail',
  contactPhone: 'contactPhone',
  street: 'street',
  houseNumber: 'houseNumber',
  houseExtension: 'houseExtension',
  postCode: 'postCode',
  city: 'city',
  countryCode: 'countryCode',
  cocNumber: 'cocNumber',
  vatNumber: 'vatNumber',
  bankAccountNumber: 'bankAccountNumber',
  bic: 'bic',
  tnv: 'tnv',
  clientPlatform: 'clientPlatform',
  method: 'method',
  website: 'website',
  logoBase64: 'logoBase64',
};

/** No published table: numbered like the Order table's "missing"/"wrong" pair (docs/v2-api.md). */
export const MERCHANT_CREATE_WIRE_ERRORS = {
  '401': 'Missing required fields: %fields%',
  '402': 'Invalid fields: %fields%',
  '403': 'Username %username% already exists',
  '603': 'Redirect Billink API error',
} as const;

export const MERCHANT_CREATE_ERRORS = {
  catalogue: MERCHANT_CREATE_WIRE_ERRORS,
  map: {
    fields_missing: '401',
    fields_invalid: '402',
    username_taken: '403',
  } satisfies Record<CreateMerchantError, keyof typeof MERCHANT_CREATE_WIRE_ERRORS>,
} satisfies EndpointErrors;

const FIELD_SCHEMAS = Object.fromEntries(
  Object.values(MERCHANT_FIELD_NAMES).map((name) => [name, { type: name === 'billinkID' || name === 'houseNumber' ? ['integer', 'string'] : 'string' }]),
);

export function merchantCreateRoute(app: FastifyInstance, shared: V2Context): void {
  app.post(
    '/v2/partner/merchant/create',
    {
      schema: {
        summary: 'Register a new merchant (partners only; header X-Partner-Key or Authorization: Bearer)',
        tags: ['v2'],
        headers: {
          type: 'object',
          properties: { 'x-partner-key': { type: 'string' }, authorization: { type: 'string', description: 'Bearer <key>' } },
        },
        body: {
          type: 'object',
          properties: {
            ...FIELD_SCHEMAS,
            changePasswordLink: { type: 'boolean', description: 'false: no link in the answer (default true)' },
            sandbox: { type: 'boolean', description: 'true: a sandbox merchant (default false: live)' },
            workflows: {
              type: 'array',
              maxItems: 20,
              description: 'The merchant\'s own workflows instead of the standard 1–3; settings left out take the defaults',
              items: {
                type: 'object',
                properties: { workflowNumber: { type: 'integer', minimum: 1, maximum: 99 }, ...WORKFLOW_SETTINGS_PROPERTIES },
                required: ['workflowNumber'],
              },
            },
          },
          required: REQUIRED_MERCHANT_FIELDS.map((field) => MERCHANT_FIELD_NAMES[field]),
        },
        response: {
          200: {
            oneOf: [
              {
                type: 'object',
                properties: {
                  result: { const: 'MSG' },
                  code: { const: '200' },
                  description: { const: 'Merchant created' },
                  username: { type: 'string' },
                  uid: { type: 'string', description: 'The new client id (40 hex), sent as billinkID / CLIENTID' },
                  merchantCode: { type: 'string', description: "Part of the merchant's Billink invoice numbers" },
                  sandbox: { type: 'boolean' },
                  mode: { enum: ['sandbox', 'live'], description: 'The same as sandbox, as the merchant\'s mode' },
                  changePasswordLink: { type: 'string', description: 'Where the merchant sets its password; valid 7 days, once' },
                  workflows: { type: 'array', items: WORKFLOW_SCHEMA, description: "The merchant's workflows (products)" },
                  buckaroo: BUCKAROO_CREDENTIALS_SCHEMA,
                },
                required: ['result', 'code', 'description', 'username', 'uid', 'merchantCode', 'sandbox', 'mode', 'workflows', 'buckaroo'],
              },
              MANAGEMENT_ERROR_SCHEMA,
            ],
          },
          401: STATUS_ERROR_SCHEMA,
          403: STATUS_ERROR_SCHEMA,
          429: STATUS_ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const context = contextOf(request, shared);
      if (!context.partnerApiKey) return reply.code(403).send(statusError('Merchant creation is not enabled on this server'));
      // A wrong partner key counts as a failed authentication of its source (docs/security.md).
      const limited = () => reply.code(429).header('retry-after', context.authLimit.retryAfterSeconds()).send(TOO_MANY_FAILURES);
      if (context.authLimit.blocked(request.ip)) return limited();
      const key = partnerKeyOf(request);
      if (!key) return reply.code(401).send(statusError('Partner key missing'));
      if (!sameSecret(key, context.partnerApiKey)) {
        if (await context.authLimit.failed(request.ip)) return limited();
        return reply.code(403).send(statusError('Partner key is not valid'));
      }

      const body = isRecord(request.body) ? request.body : {};
      const input: CreateMerchantInput = {
        sandbox: body.sandbox === true,
        changePasswordLink: body.changePasswordLink !== false,
      };
      if (body.workflows !== undefined) {
        input.workflows = Array.isArray(body.workflows)
          ? body.workflows.map((item: unknown) =>
              isRecord(item)
                ? { number: wholeNumber(item.workflowNumber), ...readWorkflowSettings(item) }
                : { number: undefined, definition: {}, unreadable: ['workflowNumber'] },
            )
          : 'unreadable';
      }
      for (const [field, wireName] of Object.entries(MERCHANT_FIELD_NAMES) as [keyof typeof MERCHANT_FIELD_NAMES, string][]) {
        input[field] = text(body[wireName]);
      }
      try {
        const { merchant, passwordLink, pspCredentials } = await createMerchant(context, input);
        return {
          result: 'MSG',
          code: '200',
          description: 'Merchant created',
          username: merchant.username,
          uid: merchant.clientId,
          merchantCode: merchant.code,
          sandbox: merchant.mode === 'sandbox',
          mode: merchant.mode,
          ...(passwordLink ? { changePasswordLink: `${context.links.baseUrl}/v2/merchant/password/${passwordLink.token}` } : {}),
          workflows: merchant.workflows.map(workflowAnswer),
          buckaroo: pspCredentials,
        };
      } catch (error) {
        if (isDomainError(error)) {
          const params = { ...error.params, fields: wireNames(error.params.fields) };
          const wire = managementErrorFor(MERCHANT_CREATE_ERRORS, error.code, params);
          if (wire) return wire;
        }
        request.log.error({ err: error }, 'unexpected error in merchant creation');
        return GENERIC_MANAGEMENT_ERROR;
      }
    },
  );
}

export function partnerKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-partner-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return bearer?.[1];
}

/**
 * Constant-time comparison (house rule 6): the given key is cut or padded to the expected length
 * first, so the time taken shows neither how much of it was right nor how long it was.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  const padded = Buffer.alloc(b.length);
  a.copy(padded, 0, 0, Math.min(a.length, b.length));
  return timingSafeEqual(padded, b) && a.length === b.length;
}

function wireNames(fields: string | undefined): string {
  return (fields ?? '')
    .split(', ')
    .filter(Boolean)
    .map((field) => MERCHANT_FIELD_NAMES[field as keyof typeof MERCHANT_FIELD_NAMES] ?? field)
    .join(', ');
}
