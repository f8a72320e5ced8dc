/**
 * The Buckaroo gateway in the OpenAPI document (docs/buckaroo.md). The server answers /json/ with
 * one route that dispatches by path in any letter case (routes.ts), so each call is described
 * here; a test sends a signed request to every path listed and checks that the gateway answers it.
 * Bodies are Buckaroo's (spec buckaroo.md §3–§5); property names are matched in any case.
 */
type Json = Record<string, unknown>;

const KEY_EXAMPLE = '4E8BD922192746C3918BF4077CXXXXXX';

const STATUS = {
  type: 'object',
  properties: {
    Code: { type: 'object', properties: { Code: { type: 'integer', description: '190 success, 491 validation failure, 690 rejected, 891 cancelled by merchant' }, Description: { type: 'string' } } },
    SubCode: { type: ['object', 'null'], properties: { Code: { type: 'string', description: 'e.g. S990, VP01, VP03, VA02, VR01, VR02' }, Description: { type: 'string' } } },
    DateTime: { type: 'string', description: 'Local time of the transaction, yyyy-MM-ddTHH:mm:ss' },
  },
} as const;

const TRANSACTION = {
  type: 'object',
  description: 'A transaction answer (§5.1); every field of the published examples, null when empty',
  properties: {
    Key: { type: 'string', description: '32 upper-case hex characters' },
    Status: STATUS,
    RequestErrors: { type: ['object', 'null'], description: 'ChannelErrors, ServiceErrors, ActionErrors, ParameterErrors, CustomParameterErrors (§8)' },
    Invoice: { type: ['string', 'null'] },
    ServiceCode: { type: 'string', const: 'Billink' },
    IsTest: { type: 'boolean' },
    Currency: { type: 'string' },
    AmountDebit: { type: 'number' },
    AmountCredit: { type: 'number' },
    TransactionType: { type: ['string', 'null'], description: 'C068 Pay, I069 Authorize, C073 Capture, C070 Refund, I014 CancelAuthorize' },
    MutationType: { type: 'integer' },
    RelatedTransactions: { type: ['array', 'null'], items: { type: 'object', properties: { RelationType: { type: 'string' }, RelatedTransactionKey: { type: 'string' } } } },
    Order: { type: ['string', 'null'] },
    PaymentKey: { type: ['string', 'null'] },
  },
  required: ['Key', 'Status'],
} as const;

const TRANSACTION_REQUEST = {
  type: 'object',
  description: 'As the Node, PHP and .NET SDKs send it (§3, §4.2)',
  properties: {
    Currency: { type: 'string', example: 'EUR' },
    AmountDebit: { type: ['number', 'string'], description: 'Pay, Authorize, Capture; must equal the sum of the articles' },
    AmountCredit: { type: ['number', 'string'], description: 'Refund, CancelAuthorize' },
    Invoice: { type: 'string' },
    Order: { type: 'string' },
    Description: { type: 'string' },
    OriginalTransactionKey: { type: 'string', description: 'Capture, Refund, CancelAuthorize' },
    PushURL: { type: 'string', description: 'Absolute http(s) URL of a public address; pushes go here' },
    ClientIP: { type: 'object', properties: { Type: { type: 'integer' }, Address: { type: 'string' } } },
    Services: {
      type: 'object',
      properties: {
        ServiceList: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              Name: { type: 'string', const: 'billink' },
              Action: { enum: ['Pay', 'Authorize', 'Capture', 'Refund', 'CancelAuthorize'] },
              Version: { type: 'integer' },
              Parameters: {
                type: 'array',
                items: { type: 'object', properties: { Name: { type: 'string' }, GroupType: { type: 'string' }, GroupID: { type: ['integer', 'string'] }, Value: {} } },
              },
            },
          },
        },
      },
    },
  },
} as const;

const PAY_EXAMPLE = {
  Currency: 'EUR',
  AmountDebit: 20.1,
  Invoice: 'INV-0001',
  Services: {
    ServiceList: [
      {
        Name: 'billink',
        Action: 'Pay',
        Version: 0,
        Parameters: [
          { Name: 'Category', GroupType: 'BillingCustomer', Value: 'B2C' },
          { Name: 'FirstName', GroupType: 'BillingCustomer', Value: 'Test' },
          { Name: 'LastName', GroupType: 'BillingCustomer', Value: 'Acceptatie' },
          { Name: 'Identifier', GroupType: 'Article', GroupID: 1, Value: 'Articlenumber2' },
          { Name: 'Description', GroupType: 'Article', GroupID: 1, Value: 'Red Toy Car' },
          { Name: 'VatPercentage', GroupType: 'Article', GroupID: 1, Value: 21 },
          { Name: 'Quantity', GroupType: 'Article', GroupID: 1, Value: 1 },
          { Name: 'GrossUnitPriceIncl', GroupType: 'Article', GroupID: 1, Value: 20.1 },
        ],
      },
    ],
  },
};

const KEYS = (list: string, field: string) => ({
  type: 'object',
  properties: { [list]: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', properties: { [field]: { type: 'string' } }, required: [field] } } },
  required: [list],
});

const MESSAGE = { type: 'object', properties: { Message: { type: 'string' } }, required: ['Message'] } as const;
const json = (schema: unknown, example?: unknown) => ({ content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } } });
const KEY_PARAMETER = { name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'The transaction key', example: KEY_EXAMPLE };

/** One operation: signed, tagged, with the gateway's own refusals. */
function operation(summary: string, answer: unknown, options: { body?: Json; parameters?: Json[]; example?: unknown } = {}): Json {
  return {
    summary,
    tags: ['buckaroo'],
    security: [{ buckarooHmac: [] }],
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.body ? { requestBody: { required: true, ...json(options.body, options.example) } } : {}),
    responses: {
      200: { description: 'The answer, signed in its Authorization header (§2.3)', ...json(answer) },
      400: { description: 'The body is not JSON, or a batch does not list 1 to 100 keys', ...json(MESSAGE) },
      401: { description: 'Missing, wrong, stale or replayed signature', ...json(MESSAGE) },
      404: { description: 'Unknown transaction key, service or endpoint', ...json(MESSAGE) },
    },
  };
}

export const BUCKAROO_SECURITY_SCHEME = {
  type: 'apiKey',
  in: 'header',
  name: 'Authorization',
  description:
    '`hmac <websiteKey>:<signature>:<nonce>:<unix seconds>`, the signature being base64 HMAC-SHA256, keyed by the secret key, of website key, ' +
    'method, the lower-cased URL-encoded host+path+query, time, nonce and base64(MD5(body)) (docs/buckaroo.md "Authentication")',
} as const;

export function buckarooOpenApiPaths(): Record<string, Json> {
  const transactions = KEYS('Transactions', 'Key');
  return {
    '/json/Transaction': {
      post: operation('Pay, Authorize, Capture, Refund or CancelAuthorize with the Billink service', TRANSACTION, { body: TRANSACTION_REQUEST, example: PAY_EXAMPLE }),
    },
    '/json/Transaction/Status/{key}': { get: operation('A transaction in the status shape (§5.2)', TRANSACTION, { parameters: [KEY_PARAMETER] }) },
    '/json/Transaction/Statuses': {
      post: operation('Several transactions at once', { type: 'object', properties: { Transactions: { type: 'array', items: TRANSACTION }, ErrorTransactions: { type: 'array' } } }, {
        body: transactions,
        example: { Transactions: [{ Key: KEY_EXAMPLE }] },
      }),
    },
    '/json/Transaction/RefundInfo/{key}': {
      get: operation('What can still be refunded on the transaction\'s invoice', { type: 'object', properties: { TransactionKey: { type: 'string' }, IsRefundable: { type: 'boolean' }, MaximumRefundAmount: { type: 'number' } } }, { parameters: [KEY_PARAMETER] }),
    },
    '/json/Transaction/RefundInfos': {
      post: operation('Refund info of several transactions', { type: 'object', properties: { RefundInfoCollection: { type: 'array' }, InvalidRefundInfoCollection: { type: 'array' } } }, {
        body: KEYS('RefundInfoCollection', 'TransactionKey'),
        example: { RefundInfoCollection: [{ TransactionKey: KEY_EXAMPLE }] },
      }),
    },
    '/json/Transaction/Cancel/{key}': {
      get: operation('Cancels an authorization that was not captured', { type: 'object', properties: { Key: { type: 'string' }, IsCanceled: { type: 'boolean' } } }, { parameters: [KEY_PARAMETER] }),
    },
    '/json/Transaction/CancelMultiple': {
      post: operation('Cancels several authorizations', { type: 'object', properties: { Transactions: { type: 'array' } } }, { body: transactions, example: { Transactions: [{ Key: KEY_EXAMPLE }] } }),
    },
    '/json/Transaction/Specification/{service}': {
      get: operation('The Billink service\'s actions and parameters; `ideal?serviceVersion=2` confirms credentials for the Node SDK', { type: 'object' }, {
        parameters: [
          { name: 'service', in: 'path', required: true, schema: { type: 'string' }, example: 'billink' },
          { name: 'serviceVersion', in: 'query', required: false, schema: { type: 'integer' } },
        ],
      }),
    },
    '/json/Transaction/Specifications': {
      post: operation('Specifications of several services', { type: 'object', properties: { Services: { type: 'array' } } }, {
        body: { type: 'object', properties: { Services: { type: 'array', items: { type: 'object', properties: { Name: { type: 'string' }, Version: { type: 'integer' } } } } } },
        example: { Services: [{ Name: 'billink', Version: 0 }] },
      }),
    },
    '/json/DataRequest': {
      post: operation('Data requests: the Billink service has none, so a 491 with a ServiceErrors item', TRANSACTION, { body: TRANSACTION_REQUEST, example: { Services: { ServiceList: [{ Name: 'billink', Action: 'Pay' }] } } }),
    },
  };
}
