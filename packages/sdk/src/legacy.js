/**
 * Billink's legacy XML API (docs/legacy-api.md): the ten services, each building the XML real
 * clients send and reading both answer shapes seen in the wild (the check UUID beside MSG, as
 * Billink writes it, or inside MSG; status rows as INVOICE or ITEM). Legacy calls are never
 * retried: the XML API has no idempotency key, and a check or order sent twice may act twice
 * (order numbers and check UUIDs are single-use, so a repeated order is refused with 403/446).
 */
import { BillinkApiError, BillinkProtocolError } from './errors.js';
import { CHECK_FIELDS, ORDER_FIELDS, xmlFields } from './legacy-fields.js';
import { amountText } from './money.js';
import { exchange } from './transport.js';
import { all, apiDocument, first, parseXml } from './xml.js';

export class LegacyApi {
  #options;
  constructor(options) {
    this.#options = options;
  }

  /** Credit check. A decline (501 Advies=0) is a result with `approved: false`, not an error. */
  async check(input, call = {}) {
    const api = await this.#send('check', 'Check', xmlFields(CHECK_FIELDS, input, amountText), [], call);
    const code = text(first(api, 'MSG', 'CODE'));
    return {
      approved: code === '500',
      code,
      description: text(first(api, 'MSG', 'DESCRIPTION')),
      uuid: text(first(api, 'UUID')) ?? text(first(api, 'MSG', 'UUID')),
    };
  }

  /** Places the order; with `validateOrder: true` only validates. */
  async order(input, call = {}) {
    const items = (input.items ?? []).map(orderItem);
    const api = await this.#send('order', 'Order', xmlFields(ORDER_FIELDS, input, amountText), [['ORDERITEMS', items]], call);
    return {
      code: text(first(api, 'MSG', 'CODE')),
      description: text(first(api, 'MSG', 'DESCRIPTION')),
      invoiceNumber: text(first(api, 'MSG', 'INVOICE')),
    };
  }

  /** Starts the collection workflow ("activate order") for up to 10 invoices; one result per invoice. */
  async startWorkflow(input, call = {}) {
    const items = input.invoices.map((invoice) => [['INVOICENUMBER', invoiceNumberOf(invoice)], ['WORKFLOWNUMBER', optional(invoice.workflowNumber)]]);
    const api = await this.#send('start-workflow', 'activate order', [['WORKFLOWNUMBER', optional(input.workflowNumber)]], [['INVOICES', items]], call);
    return itemResults(api, 'STATUSES', 500);
  }

  /** Status of up to 100 invoices, in request order. */
  async status(input, call = {}) {
    const items = input.invoices.map((invoice) => [['INVOICENUMBER', invoiceNumberOf(invoice)]]);
    const api = await this.#send('status', 'Status', [], [['INVOICES', items]], call);
    const msg = first(api, 'MSG');
    const rows = all(first(msg, 'INVOICES'), 'INVOICE').concat(all(first(msg, 'INVOICES'), 'ITEM'));
    return {
      code: text(first(msg, 'CODE')),
      invoices: rows.map((row) => {
        const paidOut = text(first(row, 'PAIDOUT'));
        return {
          invoiceNumber: text(first(row, 'INVOICENUMBER')) ?? '',
          status: Number(text(first(row, 'STATUS'))),
          description: text(first(row, 'DESCRIPTION')),
          ...(paidOut === undefined ? {} : { paidOut: paidOut === '1' }),
        };
      }),
    };
  }

  /** Payments the customer made to the merchant directly; one result per invoice. */
  async payment(input, call = {}) {
    const items = input.invoices.map((item) => [
      ['INVOICENUMBER', item.invoiceNumber], ['AMOUNT', amountText(item.amount)], ['DESCRIPTION', item.description],
      ['WORKFLOWNUMBER', optional(item.workflowNumber)],
    ]);
    const api = await this.#send('payment', 'Payment', [['WORKFLOWNUMBER', optional(input.workflowNumber)]], [['INVOICES', items]], call);
    return itemResults(api, 'INVOICES', 200);
  }

  /** Credits (refunds) including VAT; one result per invoice. */
  async credit(input, call = {}) {
    const items = input.invoices.map((item) => [
      ['INVOICENUMBER', item.invoiceNumber], ['CREDITAMOUNT', amountText(item.amount)], ['DESCRIPTION', item.description],
    ]);
    const api = await this.#send('credit', 'Credit', [['WORKFLOWNUMBER', optional(input.workflowNumber)]], [['INVOICES', items]], call);
    return itemResults(api, 'STATUSES', 200);
  }

  async onHold(input, call = {}) {
    const fields = [['WORKFLOWNUMBER', optional(input.workflowNumber)], ['INVOICENUMBER', input.invoiceNumber], ['DAYS', optional(input.days)]];
    return describe(await this.#send('on-hold', 'Onhold', fields, [], call));
  }

  /** Sent to the on-hold path, as the client Billink's live suite ran against does (spec §2.8). */
  async resume(input, call = {}) {
    const fields = [['WORKFLOWNUMBER', optional(input.workflowNumber)], ['INVOICENUMBER', input.invoiceNumber], ['RESUME', 'y']];
    return describe(await this.#send('on-hold', 'resume', fields, [], call));
  }

  async message(input, call = {}) {
    const fields = [['WORKFLOWNUMBER', optional(input.workflowNumber)], ['INVOICENUMBER', input.invoiceNumber], ['MESSAGE', input.message]];
    return describe(await this.#send('message', 'message', fields, [], call));
  }

  /** The link to the invoice PDF (`url`), which Billink puts in DESCRIPTION. */
  async file(input, call = {}) {
    const fields = [['WORKFLOWNUMBER', optional(input.workflowNumber)], ['INVOICENUMBER', input.invoiceNumber]];
    const answer = describe(await this.#send('file', 'pdf', fields, [], call));
    return { ...answer, url: answer.description };
  }

  /** The XML a call would send, for logging or comparing; nothing is sent. */
  buildRequest(service, input) {
    const credentials = this.#options.credentials();
    switch (service) {
      case 'check': return apiDocument(credentials, 'Check', xmlFields(CHECK_FIELDS, input, amountText));
      case 'order': return apiDocument(credentials, 'Order', xmlFields(ORDER_FIELDS, input, amountText), [['ORDERITEMS', (input.items ?? []).map(orderItem)]]);
      default: throw new TypeError(`buildRequest knows check and order, not ${service}`);
    }
  }

  async #send(service, action, fields, lists, call) {
    const options = this.#options;
    const endpoint = `legacy ${service}`;
    const xml = apiDocument(options.credentials(), action, fields, lists);
    // Status and File only read, so they may be asked again after a network failure or a 5xx.
    const safe = service === 'status' || service === 'file';
    const response = await exchange(options, {
      endpoint,
      url: `${options.legacyBaseUrl}${options.legacyPath}/${service}`,
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=UTF-8', accept: 'text/xml' },
      body: xml,
      safe,
      signal: call.signal,
      timeoutMs: call.timeoutMs,
    });
    const raw = response.body.toString('utf8');
    let api;
    try {
      api = first(parseXml(raw), 'API');
    } catch (error) {
      throw new BillinkProtocolError({ endpoint, httpStatus: response.status, body: raw, reason: error.message });
    }
    if (!api || typeof api !== 'object') throw new BillinkProtocolError({ endpoint, httpStatus: response.status, body: raw, reason: 'no <API> document' });
    if (String(text(first(api, 'RESULT'))).toUpperCase() === 'ERROR') {
      throw new BillinkApiError({
        endpoint,
        code: text(first(api, 'ERROR', 'CODE')),
        description: text(first(api, 'ERROR', 'DESCRIPTION')) ?? '',
        httpStatus: response.status,
        body: raw,
      });
    }
    return api;
  }
}

function orderItem(item) {
  if (item.priceIncl !== undefined && item.priceExcl !== undefined) throw new TypeError('an order item has priceIncl or priceExcl, not both');
  return [
    ['CODE', item.code], ['DESCRIPTION', item.description], ['ORDERQUANTITY', optional(item.quantity ?? 1)],
    item.priceExcl !== undefined ? ['PRICEEXCL', amountText(item.priceExcl, 'priceExcl')] : ['PRICEINCL', amountText(item.priceIncl, 'priceIncl')],
    ['BTW', String(item.vatRate)],
  ];
}

function itemResults(api, container, okCode) {
  const msg = first(api, 'MSG');
  return {
    code: text(first(msg, 'CODE')),
    items: all(first(msg, container), 'ITEM').map((row) => {
      const code = Number(text(first(row, 'CODE')));
      return { invoiceNumber: text(first(row, 'INVOICENUMBER')) ?? '', code, message: text(first(row, 'MESSAGE')) ?? '', ok: code === okCode };
    }),
  };
}

function describe(api) {
  return { code: text(first(api, 'MSG', 'CODE')), description: text(first(api, 'MSG', 'DESCRIPTION')) };
}

function invoiceNumberOf(invoice) {
  return typeof invoice === 'string' ? invoice : invoice.invoiceNumber;
}

function optional(value) {
  return value === undefined || value === null ? undefined : String(value);
}

function text(value) {
  return typeof value === 'string' ? value : undefined;
}
