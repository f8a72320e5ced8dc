/**
 * JSON schemas of the DAPI routes for the OpenAPI document (spec §4, §6; seed 004). They document
 * the wire; they do not reject requests, because bad input gets the DAPI fail response.
 */
const str = (description?: string) => (description ? { type: 'string', description } : { type: 'string' });
const centis = (description: string) => ({ type: ['integer', 'string'], description });

const ADDRESS = {
  type: 'object',
  properties: {
    street: str(), houseNumber: str(), houseExtension: str(), postalCode: str(), city: str(),
    countryCode: str('ISO 3166 alpha-2, default NL'),
  },
};

const PATH = {
  type: 'object',
  properties: {
    endpointId: str('Your BillBlend endpoint'),
    invoiceId: str('Your id for the sale (1 to 50 letters, digits, _ - .); it is also the order number'),
  },
  required: ['endpointId', 'invoiceId'],
};

export const SALE_PARAMS = PATH;

export const SALE_BODY = {
  type: 'object',
  properties: {
    consumer: {
      type: 'object',
      properties: {
        device: { type: 'object', properties: { serialNumber: str('Part of the signature') } },
        email: str(), type: str('p (private, default) or b (business)'), firstName: str(), initials: str(), lastName: str(),
        gender: str('M, V, F or O; asked on the payment page when absent'),
        birthDate: str('dd-mm-yyyy or yyyy-mm-dd; asked on the payment page when absent'),
        phone: str('Asked on the payment page when absent'), company: str(), companyNumber: str(), vatNumber: str(),
        address: ADDRESS, shippingAddress: ADDRESS,
      },
      required: ['email', 'address'],
    },
    session: {
      type: 'object',
      properties: {
        accessToken: str('32 to 128 characters, issued by your server'),
        nonce: str('32 to 128 characters, unique per sale'),
        signature: str('HMAC-SHA1, hex (spec §6.2)'),
      },
      required: ['accessToken', 'nonce', 'signature'],
    },
    transaction: {
      type: 'object',
      properties: {
        amountCentis: centis('Total including VAT in cents; must equal the sum of the items'),
        currency: str('EUR, USD or GBP'),
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: str(), name: str(), quantity: { type: ['integer', 'string'] },
              amountCentis: centis('Unit price including VAT in cents'), taxRate: { type: ['integer', 'string'], description: 'e.g. 21' },
            },
            required: ['name', 'amountCentis', 'taxRate'],
          },
        },
      },
      required: ['amountCentis', 'currency', 'items'],
    },
  },
  required: ['consumer', 'session', 'transaction'],
};

export const SALE_SUCCESS = {
  type: 'object',
  properties: { invoiceId: str(), session: { type: 'object', properties: { token: str('Session token for status calls') }, required: ['token'] } },
  required: ['invoiceId', 'session'],
};

export const STATUS_BODY = {
  type: 'object',
  properties: {
    session: {
      type: 'object',
      properties: { accessToken: str('The access token the sale was started with'), token: str('The session token of the sale') },
      required: ['accessToken', 'token'],
    },
  },
  required: ['session'],
};

export const STATUS_SUCCESS = {
  type: 'object',
  properties: {
    invoiceId: str(),
    session: { type: 'object', properties: { token: str() }, required: ['token'] },
    state: { type: 'string', enum: ['PROCESSING', 'REDIRECT_REQUEST', 'APPROVED', 'DECLINED'] },
    bankOrderId: str('When APPROVED or DECLINED'),
    redirectUrl: str('When REDIRECT_REQUEST: the payment page to open'),
    orderId: str('When APPROVED: the Billink invoice number'),
    transaction: {
      type: 'object',
      properties: {
        amountCentis: { type: 'integer' }, commissionCentis: { type: 'integer' },
        orderCreatedDate: str('yyyy-MM-dd HH:mm:ss.SSSZ'), transactionCreatedDate: str('yyyy-MM-dd HH:mm:ss.SSSZ'),
      },
    },
    errorCode: { type: 'integer', description: 'When DECLINED' },
    errorMessage: str('When DECLINED'),
  },
  required: ['invoiceId', 'session', 'state'],
};

export const FAIL = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        cause: { type: 'string', enum: ['INVALID_REQUEST', 'INVALID_CONFIGURATION', 'ORDER_NOT_FOUND', 'INTERNAL_ERROR'] },
        code: str('Numeric text, unique per error'),
        message: str(),
      },
      required: ['cause', 'code', 'message'],
    },
    invoiceId: str(),
  },
  required: ['error', 'invoiceId'],
};
