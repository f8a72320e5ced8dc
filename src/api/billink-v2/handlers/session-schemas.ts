/** JSON schemas of the session endpoints for the OpenAPI document (spec §2.12, §2.13). */
import { SESSION_STATUSES } from '../../../core/shared/events.js';

const str = (description?: string) => (description ? { type: 'string', description } : { type: 'string' });
const amount = (description: string) => ({ type: ['string', 'number'], description });

const ADDRESS = {
  type: 'object',
  properties: {
    street: str(), houseNumber: str(), houseExtension: str(), postalCode: str(), city: str(),
    countryCode: str('ISO 3166 alpha-2, default NL'),
  },
};

export const CREATE_SESSION_BODY = {
  type: 'object',
  properties: {
    client: {
      type: 'object',
      properties: {
        billinkUsername: str(),
        billinkID: str(),
        workflowNumber: str(),
        options: { type: 'object', properties: { logoURL: str('Absolute http(s) URL of the shop logo shown on the page') } },
        returnURL: {
          type: 'object',
          properties: {
            successURL: str('Where an approved order sends the customer, verbatim'),
            failURL: str('Where a declined order sends the customer, verbatim'),
            cancelURL: str('Where cancelling sends the customer; defaults to failURL'),
            backURL: str('"Back to the shop" link that leaves the session open'),
          },
          required: ['successURL', 'failURL'],
        },
      },
      required: ['billinkUsername', 'billinkID', 'workflowNumber', 'returnURL'],
    },
    customer: {
      type: 'object',
      properties: {
        type: str('p (private) or b (business)'), firstName: str(), lastName: str(), initials: str(), email: str(),
        mobile: str('Asked on the page when absent'), gender: str('M, V, F or O; asked on the page when absent'),
        birthdate: str('dd-mm-yyyy or yyyy-mm-dd; asked on the page when absent'), company: str(), companyNumber: str(),
        payTrustScore: { type: ['integer', 'string'], description: '0 to 10' },
      },
    },
    billingAddress: ADDRESS,
    shippingAddress: ADDRESS,
    transaction: {
      type: 'object',
      properties: {
        totalAmount: amount('Including VAT; must equal the sum of the items'),
        totalTaxAmount: amount('Informational'),
        purchaseCountry: str(), purchaseCurrency: str('EUR (default), USD or GBP'), orderNumber: str(),
        customInvoiceID: str('Your own reference, echoed in the response and in order webhooks'),
        orderItems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: str(), name: str(), description: str(), quantity: str(),
              productAmount: amount('Unit price including VAT'),
              totalProductAmount: amount('Row total including VAT'),
              productTaxAmount: amount('Informational'),
              taxRate: str('e.g. 21'),
            },
          },
        },
      },
      required: ['orderNumber', 'orderItems'],
    },
  },
  required: ['client', 'customer', 'billingAddress', 'transaction'],
};

export const CREATE_SESSION_SUCCESS = {
  type: 'object',
  properties: {
    status: { const: 'success' },
    sessionID: str(),
    sessionURL: str('The checkout page to send the customer to'),
    invoice: str('Billink invoice number: 1 + merchant code + order number, dots as dashes'),
    expiresAt: str('ISO 8601, 60 minutes after creation'),
    customerID: str('Opaque id of the customer in this session'),
    customInvoiceID: { type: ['string', 'null'] },
  },
  required: ['status', 'sessionID', 'sessionURL', 'invoice', 'expiresAt'],
};

export const STATUS_BODY = {
  type: 'object',
  properties: {
    billinkUsername: str(),
    billinkID: str(),
    sessionID: str(),
    billinkInvoiceNumber: str('Used when sessionID is absent'),
  },
  required: ['billinkUsername', 'billinkID'],
};

export const STATUS_SUCCESS = {
  type: 'object',
  properties: { status: { type: 'string', enum: [...SESSION_STATUSES] } },
  required: ['status'],
};

export const STATUS_ERROR = {
  type: 'object',
  properties: {
    status: { const: 'error' },
    message: str(),
    error_backend: {
      type: 'object',
      description: 'Session create only, on 400 and 500',
      properties: { http_status_code: { type: 'integer' }, http_body: { type: 'object', properties: { message: str() } } },
    },
  },
  required: ['status', 'message'],
};
