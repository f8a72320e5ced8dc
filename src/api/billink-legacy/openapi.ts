/**
 * The legacy XML services in the OpenAPI document (docs/legacy-api.md). The routes are the generic
 * `/api/:service` and `/v1/client/:service`, so each service is described here: its `<API>` body as a
 * schema with OpenAPI `xml` names, a request example as real clients send it, and its answer.
 * Every answer, errors included, is HTTP 200 text/xml (spec §1.2).
 */
import { BY_PATH } from './actions.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<API><VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>usertest</CLIENTUSERNAME>' +
  '<CLIENTID>d38a3439590889df026367bf01d621e687b8d278</CLIENTID>';
const ANSWER = "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT>";

const CUSTOMER_XML =
  '<TYPE>P</TYPE><WORKFLOWNUMBER>1</WORKFLOWNUMBER><FIRSTNAME>John</FIRSTNAME><LASTNAME>Doe</LASTNAME><STREET>Damrak</STREET>' +
  '<HOUSENUMBER>1</HOUSENUMBER><POSTALCODE>1234AB</POSTALCODE><CITY>Amsterdam</CITY><COUNTRYCODE>NL</COUNTRYCODE>' +
  '<PHONENUMBER>0612345678</PHONENUMBER><BIRTHDATE>01-01-1990</BIRTHDATE><EMAIL>john@example.com</EMAIL>';

const text = (description: string) => ({ type: 'string', description });

const CUSTOMER_FIELDS = {
  TYPE: text('P private, B business'),
  WORKFLOWNUMBER: text('The workflow (product), e.g. 1'),
  FIRSTNAME: text('First name'),
  INITIALS: text('Initials'),
  LASTNAME: text('Last name'),
  SEX: text('M, V or O'),
  BIRTHDATE: text('dd-mm-yyyy'),
  STREET: text('Street'),
  HOUSENUMBER: text('House number'),
  HOUSEEXTENSION: text('House number addition'),
  POSTALCODE: text('Postal code'),
  CITY: text('City'),
  COUNTRYCODE: text('ISO 3166 code, e.g. NL'),
  PHONENUMBER: text('Phone number'),
  EMAIL: text('E-mail address'),
  COMPANYNAME: text('Business customers: company name'),
  CHAMBEROFCOMMERCE: text('Business customers: chamber of commerce number'),
  VATNUMBER: text('Business customers: VAT number'),
} as const;

const INVOICE_ITEM = { INVOICENUMBER: text("The merchant's order number or Billink's invoice number"), WORKFLOWNUMBER: text('Workflow of the invoice') };

const list = (container: string, item: Record<string, unknown>, description: string) => ({
  [container]: {
    type: 'array',
    description,
    xml: { name: container, wrapped: true },
    items: { type: 'object', xml: { name: 'ITEM' }, properties: item },
  },
});

interface LegacyService {
  path: keyof typeof BY_PATH;
  action: string;
  summary: string;
  fields: Record<string, unknown>;
  required: string[];
  request: string;
  answer: string;
}

const SERVICES: LegacyService[] = [
  {
    path: 'check',
    action: 'Check',
    summary: 'Credit check: advice and a UUID for the order',
    fields: { ...CUSTOMER_FIELDS, ORDERAMOUNT: text('Order total including VAT, e.g. 104.85'), BACKDOOR: text('Sandbox only: 1 forces a positive advice') },
    required: ['TYPE', 'WORKFLOWNUMBER', 'LASTNAME', 'EMAIL', 'ORDERAMOUNT'],
    request: `${HEAD}<ACTION>Check</ACTION>${CUSTOMER_XML}<ORDERAMOUNT>104.85</ORDERAMOUNT></API>`,
    answer: `${ANSWER}<MSG><CODE>500</CODE><DESCRIPTION>Advies=1</DESCRIPTION></MSG><UUID>98ec1488-bb48-4b2b-9684-de924d5bdda8</UUID></API>`,
  },
  {
    path: 'order',
    action: 'Order',
    summary: 'Place an order after a positive check; Billink invoice number in the answer',
    fields: {
      ...CUSTOMER_FIELDS,
      ORDERNUMBER: text("The merchant's order number"),
      DATE: text('dd-mm-yyyy'),
      CHECKUUID: text('The UUID of the positive check; used once'),
      VALIDATEORDER: text('Y: validate only'),
      ...list('ORDERITEMS', { CODE: text('Article code'), DESCRIPTION: text('Description'), ORDERQUANTITY: text('Quantity'), PRICEINCL: text('Unit price including VAT'), BTW: text('VAT, e.g. 21') }, 'The order lines'),
    },
    required: ['WORKFLOWNUMBER', 'ORDERNUMBER', 'DATE', 'TYPE', 'LASTNAME', 'CHECKUUID', 'ORDERITEMS'],
    request:
      `${HEAD}<ACTION>Order</ACTION>${CUSTOMER_XML}<SEX>M</SEX><ORDERNUMBER>KRKND-0001</ORDERNUMBER><DATE>21-11-2026</DATE>` +
      '<CHECKUUID>98ec1488-bb48-4b2b-9684-de924d5bdda8</CHECKUUID><ORDERITEMS><ITEM><CODE>SKU-1</CODE><DESCRIPTION>Wollen trui</DESCRIPTION>' +
      '<ORDERQUANTITY>2</ORDERQUANTITY><PRICEINCL>49.95</PRICEINCL><BTW>21</BTW></ITEM></ORDERITEMS></API>',
    answer: `${ANSWER}<MSG><CODE>200</CODE><DESCRIPTION>Order successfully added</DESCRIPTION><INVOICE>1TSTKRKND-0001</INVOICE></MSG></API>`,
  },
  {
    path: 'start-workflow',
    action: 'activate order',
    summary: 'Start the collection workflow of up to 10 invoices',
    fields: { WORKFLOWNUMBER: text('Workflow of the invoices'), ...list('INVOICES', INVOICE_ITEM, 'The invoices to start') },
    required: ['INVOICES'],
    request: `${HEAD}<ACTION>activate order</ACTION><WORKFLOWNUMBER>1</WORKFLOWNUMBER><INVOICES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER></ITEM></INVOICES></API>`,
    answer: `${ANSWER}<MSG><CODE>500</CODE><STATUSES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER><MESSAGE>Success</MESSAGE><CODE>500</CODE></ITEM></STATUSES></MSG></API>`,
  },
  {
    path: 'status',
    action: 'Status',
    summary: 'The payment status of up to 100 invoices',
    fields: list('INVOICES', INVOICE_ITEM, 'The invoices to look up'),
    required: ['INVOICES'],
    request: `${HEAD}<ACTION>Status</ACTION><INVOICES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER></ITEM></INVOICES></API>`,
    answer:
      `${ANSWER}<MSG><CODE>200</CODE><INVOICES><INVOICE><INVOICENUMBER>KRKND-0001</INVOICENUMBER><STATUS>0</STATUS>` +
      '<DESCRIPTION>Wait for payment</DESCRIPTION><PAIDOUT>1</PAIDOUT></INVOICE></INVOICES></MSG></API>',
  },
  {
    path: 'payment',
    action: 'Payment',
    summary: 'Register payments the customer made to the merchant directly',
    fields: { WORKFLOWNUMBER: text('Workflow of the invoices'), ...list('INVOICES', { ...INVOICE_ITEM, AMOUNT: text('Amount including VAT'), DESCRIPTION: text('At most 30 characters') }, 'The payments') },
    required: ['INVOICES'],
    request: `${HEAD}<ACTION>Payment</ACTION><INVOICES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER><AMOUNT>10.00</AMOUNT><DESCRIPTION>Bank</DESCRIPTION></ITEM></INVOICES></API>`,
    answer: `${ANSWER}<MSG><CODE>200</CODE><INVOICES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER><MESSAGE>Payment applied: 10.00 EURO.</MESSAGE><CODE>200</CODE></ITEM></INVOICES></MSG></API>`,
  },
  {
    path: 'credit',
    action: 'Credit',
    summary: 'Credit (refund) part or all of one or more invoices; ACTION Refund is read too',
    fields: { WORKFLOWNUMBER: text('Workflow of the invoices'), ...list('INVOICES', { ...INVOICE_ITEM, CREDITAMOUNT: text('Amount including VAT'), DESCRIPTION: text('Reason') }, 'The credits') },
    required: ['INVOICES'],
    request: `${HEAD}<ACTION>Credit</ACTION><INVOICES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER><CREDITAMOUNT>1.50</CREDITAMOUNT><DESCRIPTION>Retour</DESCRIPTION></ITEM></INVOICES></API>`,
    answer:
      `${ANSWER}<MSG><CODE>200</CODE><STATUSES><ITEM><INVOICENUMBER>KRKND-0001</INVOICENUMBER><MESSAGE>Credit applied: 1.50 EURO.; step restarted.</MESSAGE>` +
      '<CODE>200</CODE></ITEM></STATUSES></MSG></API>',
  },
  {
    path: 'on-hold',
    action: 'onhold',
    summary: 'Pause the dunning of one invoice for some days',
    fields: { ...INVOICE_ITEM, DAYS: text('Days to hold; 14 when absent') },
    required: ['INVOICENUMBER'],
    request: `${HEAD}<ACTION>onhold</ACTION><INVOICENUMBER>KRKND-0001</INVOICENUMBER><WORKFLOWNUMBER>1</WORKFLOWNUMBER><DAYS>5</DAYS></API>`,
    answer: `${ANSWER}<MSG><CODE>200</CODE><DESCRIPTION>Order is on hold until 2026-11-26</DESCRIPTION></MSG></API>`,
  },
  {
    path: 'resume',
    action: 'resume',
    summary: 'Resume the workflow of an invoice on hold',
    fields: INVOICE_ITEM,
    required: ['INVOICENUMBER'],
    request: `${HEAD}<ACTION>resume</ACTION><INVOICENUMBER>KRKND-0001</INVOICENUMBER><WORKFLOWNUMBER>1</WORKFLOWNUMBER></API>`,
    answer: `${ANSWER}<MSG><CODE>200</CODE><DESCRIPTION>Order resumed</DESCRIPTION></MSG></API>`,
  },
  {
    path: 'message',
    action: 'message',
    summary: "Leave a message about an invoice for Billink's customer service",
    fields: { ...INVOICE_ITEM, MESSAGE: text('At most 5000 characters') },
    required: ['INVOICENUMBER', 'MESSAGE'],
    request: `${HEAD}<ACTION>message</ACTION><INVOICENUMBER>KRKND-0001</INVOICENUMBER><MESSAGE>Klant belt terug</MESSAGE></API>`,
    answer: `${ANSWER}<MSG><CODE>200</CODE><DESCRIPTION>Message added</DESCRIPTION></MSG></API>`,
  },
  {
    path: 'file',
    action: 'pdf',
    summary: 'A link to the invoice PDF',
    fields: INVOICE_ITEM,
    required: ['INVOICENUMBER'],
    request: `${HEAD}<ACTION>pdf</ACTION><INVOICENUMBER>KRKND-0001</INVOICENUMBER></API>`,
    answer:
      `${ANSWER}<MSG><CODE>200</CODE><DESCRIPTION>https://pay.example.test/files/invoices/3-9WJzoCtw1YYx1gNcOLgA/1TSTKRKND-0001.pdf</DESCRIPTION></MSG></API>`,
  },
];

const ANSWER_SCHEMA = {
  type: 'object',
  xml: { name: 'API' },
  description: 'RESULT MSG with the service\'s MSG, or RESULT ERROR with ERROR/CODE and ERROR/DESCRIPTION from its table (docs/errors.md)',
  properties: {
    RESULT: { enum: ['MSG', 'ERROR'] },
    MSG: { type: 'object', properties: { CODE: { type: 'string' }, DESCRIPTION: { type: 'string' } } },
    ERROR: { type: 'object', properties: { CODE: { type: 'string' }, DESCRIPTION: { type: 'string' } } },
  },
  required: ['RESULT'],
};

const PascalCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());

/** The `paths` entries of the legacy services, under /api/<service>. */
export function legacyOpenApiPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const service of SERVICES) {
    paths[`/api/${service.path}`] = {
      post: {
        operationId: `legacy${PascalCase(service.path)}`,
        summary: service.summary,
        description:
          `ACTION \`${service.action}\`. The same service answers at \`/v1/client/${service.path}\`; the ACTION decides, ` +
          'the path only when ACTION is absent. Credentials are CLIENTUSERNAME and CLIENTID in the body (docs/legacy-api.md).',
        tags: ['legacy'],
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/xml': {
              schema: {
                type: 'object',
                xml: { name: 'API' },
                properties: {
                  VERSION: { const: 'BILLINK2.0' },
                  CLIENTUSERNAME: text('Account username'),
                  CLIENTID: text('The 40-hex client id'),
                  ACTION: text(`\`${service.action}\``),
                  ...service.fields,
                },
                required: ['VERSION', 'CLIENTUSERNAME', 'CLIENTID', ...service.required],
              },
              example: service.request,
            },
          },
        },
        responses: {
          200: {
            description: 'The answer, or an error of the service\'s table; always HTTP 200',
            content: { 'text/xml': { schema: ANSWER_SCHEMA, example: service.answer } },
          },
        },
      },
    };
  }
  return paths;
}
