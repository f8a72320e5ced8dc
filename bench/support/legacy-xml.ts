/**
 * Legacy XML requests as a Magento-style client sends them (spec §2.1–§2.4), for the sandbox
 * merchant `usertest`. Every check is for a customer nobody has used before: a new e-mail address
 * and a new identity (birth date, postcode and house number), so the exposure limit never declines
 * a benchmark customer; every order number is new too.
 */
import { randomBytes } from 'node:crypto';

const MERCHANT = { username: 'usertest', clientId: 'd38a3439590889df026367bf01d621e687b8d278' };
const RUN = randomBytes(3).toString('hex');
/** Two lines, 2 × 49.95 + 4.95, as in the Magento samples; the check asks for exactly this total. */
export const ORDER_TOTAL = '104.85';
const ITEMS =
  '<ORDERITEMS>' +
  '<ITEM><CODE>SKU-1</CODE><DESCRIPTION>Wollen trui</DESCRIPTION><ORDERQUANTITY>2</ORDERQUANTITY><PRICEINCL>49.95</PRICEINCL><BTW>21</BTW></ITEM>' +
  '<ITEM><CODE>0001</CODE><DESCRIPTION>Verzendkosten</DESCRIPTION><ORDERQUANTITY>1</ORDERQUANTITY><PRICEINCL>4.95</PRICEINCL><BTW>21</BTW></ITEM>' +
  '</ORDERITEMS>';

let customers = 0;
let orders = 0;

export interface BenchCustomer {
  email: string;
  houseNumber: string;
  birthDate: string;
}

/** A customer no earlier request used: 9,000 house numbers × 336 birthdays before identities repeat. */
export function newCustomer(): BenchCustomer {
  const n = customers++;
  const day = (Math.floor(n / 9_000) % 28) + 1;
  const month = (Math.floor(n / 252_000) % 12) + 1;
  return {
    email: `bench-${RUN}-${n}@example.com`,
    houseNumber: String((n % 9_000) + 1),
    birthDate: `${pad(day)}-${pad(month)}-1980`,
  };
}

export function newOrderNumber(): string {
  orders += 1;
  return `B${RUN}-${orders}`;
}

function api(action: string, fields: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<API>' +
    `<VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>${MERCHANT.username}</CLIENTUSERNAME>` +
    `<CLIENTID>${MERCHANT.clientId}</CLIENTID><ACTION>${action}</ACTION>${fields}</API>`
  );
}

function customerFields(customer: BenchCustomer): string {
  return (
    '<TYPE>P</TYPE><WORKFLOWNUMBER>1</WORKFLOWNUMBER><FIRSTNAME>Jan</FIRSTNAME><LASTNAME>de Vries</LASTNAME>' +
    `<STREET>Damrak</STREET><HOUSENUMBER>${customer.houseNumber}</HOUSENUMBER><POSTALCODE>1012LG</POSTALCODE>` +
    '<CITY>Amsterdam</CITY><COUNTRYCODE>NL</COUNTRYCODE><PHONENUMBER>0612345678</PHONENUMBER>' +
    `<BIRTHDATE>${customer.birthDate}</BIRTHDATE><EMAIL>${customer.email}</EMAIL><IP>127.0.0.1</IP>`
  );
}

export function checkXml(customer: BenchCustomer): string {
  return api('Check', `${customerFields(customer)}<ORDERAMOUNT>${ORDER_TOTAL}</ORDERAMOUNT>`);
}

export function orderXml(customer: BenchCustomer, checkUuid: string, orderNumber: string): string {
  return api(
    'Order',
    `${customerFields(customer)}<SEX>M</SEX><ORDERNUMBER>${orderNumber}</ORDERNUMBER><DATE>${today()}</DATE>` +
      `<CHECKUUID>${checkUuid}</CHECKUUID>${ITEMS}`,
  );
}

export function startWorkflowXml(invoiceNumbers: readonly string[]): string {
  return api('activate order', `<WORKFLOWNUMBER>1</WORKFLOWNUMBER>${invoiceList(invoiceNumbers)}`);
}

export function statusXml(invoiceNumbers: readonly string[]): string {
  return api('Status', `<WORKFLOWNUMBER>1</WORKFLOWNUMBER>${invoiceList(invoiceNumbers)}`);
}

function invoiceList(numbers: readonly string[]): string {
  return `<INVOICES>${numbers.map((number) => `<ITEM><INVOICENUMBER>${number}</INVOICENUMBER></ITEM>`).join('')}</INVOICES>`;
}

/** What a successful answer looks like, per call; anything else counts as a failure. */
export const SUCCESS = {
  check: (body: string) => /<RESULT>MSG<\/RESULT><MSG><CODE>500<\/CODE>/.test(body) && /<UUID>[^<]+<\/UUID>/.test(body),
  order: (body: string) => /<RESULT>MSG<\/RESULT><MSG><CODE>200<\/CODE>/.test(body) && /<INVOICE>[^<]+<\/INVOICE>/.test(body),
  startWorkflow: (body: string) =>
    /<RESULT>MSG<\/RESULT>/.test(body) && /<CODE>500<\/CODE><STATUSES>/.test(body) && !/<ITEM>(?:(?!<\/ITEM>).)*<CODE>(?!500<)/.test(body),
  /** Every invoice asked for is known: no STATUS -1 ("Order not found"). */
  status: (body: string) => /<RESULT>MSG<\/RESULT><MSG><CODE>200<\/CODE>/.test(body) && !/<STATUS>-1<\/STATUS>/.test(body),
};

export function uuidIn(body: string): string | undefined {
  return /<UUID>([^<]+)<\/UUID>/.exec(body)?.[1];
}

export function invoiceIn(body: string): string | undefined {
  return /<INVOICE>([^<]+)<\/INVOICE>/.exec(body)?.[1];
}

function today(): string {
  const now = new Date();
  return `${pad(now.getDate())}-${pad(now.getMonth() + 1)}-${now.getFullYear()}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
