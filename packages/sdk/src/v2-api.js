/** The v2 methods, grouped as docs/sdk.md lists them. Results are the server's JSON, typed in index.d.ts. */
import { BillinkApiError } from './errors.js';
import { amountText } from './money.js';
import { CHECK_FIELDS, ORDER_FIELDS, v2Customer, v2OrderItems } from './v2.js';
import { SandboxClockApi } from './sandbox.js';
import { workflowSettingsBody } from './workflows.js';

export class OrderManagementApi {
  #t;
  constructor(transport) {
    this.#t = transport;
    /** Achteraf's sandbox test clock: `clock()`, `advance({days}|{hours}|{to})`, `reset()`. */
    this.sandbox = new SandboxClockApi(transport);
  }

  /** Credit check; a decline (501) is `approved: false`, not an error. */
  async check(input, call) {
    const answer = await this.#t.post('check', { ...this.#t.credentials(), ...v2Customer(CHECK_FIELDS, input) }, call);
    return { approved: answer.code === '500', code: answer.code, description: answer.description, uuid: answer.uuid };
  }

  async order(input, call) {
    const body = { ...this.#t.credentials(), ...v2Customer(ORDER_FIELDS, input), orderItems: v2OrderItems(input.items) };
    const answer = await this.#t.post('order', body, call);
    return { code: answer.code, description: answer.description, invoiceNumber: answer.invoice };
  }

  async startWorkflow(input, call) {
    const invoices = input.invoices.map((invoice) => (typeof invoice === 'string' ? { invoiceNumber: invoice } : invoice));
    return items(await this.#t.post('startWorkflow', { ...this.#t.credentials(), ...optionalWorkflow(input), invoices }, call), 'statuses', 500);
  }

  async payment(input, call) {
    const invoices = input.invoices.map((item) => ({
      invoiceNumber: item.invoiceNumber, amount: amountText(item.amount), ...(item.description ? { description: item.description } : {}),
      ...optionalWorkflow(item),
    }));
    return items(await this.#t.post('payment', { ...this.#t.credentials(), ...optionalWorkflow(input), invoices }, call), 'invoices', 200);
  }

  async credit(input, call) {
    // Billink's v2 example has no workflowNumber; Achteraf's credit schema documents it at the top
    // and per invoice, as the legacy credit has it (docs/v2-api.md "Credit").
    const invoices = input.invoices.map((item) => ({
      number: item.invoiceNumber, creditAmount: amountText(item.amount), ...(item.description ? { description: item.description } : {}),
      ...optionalWorkflow(item),
    }));
    return items(await this.#t.post('credit', { ...this.#t.credentials(), ...optionalWorkflow(input), invoices }, call), 'statuses', 200);
  }

  async onHold(input, call) {
    return described(await this.#t.post('onHold', { ...this.#t.credentials(), ...input }, call));
  }

  async resume(input, call) {
    return described(await this.#t.post('resume', { ...this.#t.credentials(), ...input }, call));
  }

  async orderInfo(input, call) {
    const invoices = input.invoices.map((invoice) => (typeof invoice === 'string' ? { invoiceNumber: invoice } : invoice));
    const answer = await this.#t.post('orderInfo', { ...this.#t.credentials(), invoices }, call);
    return {
      code: answer.code,
      invoices: answer.invoices.map((row) => ({
        invoiceNumber: row.invoiceNumber, status: row.status, description: row.description,
        ...(row.paidOut === undefined ? {} : { paidOut: row.paidOut === 1 }),
        // Achteraf's extension: the open dispute that pauses the collection, when there is one.
        ...(row.dispute === undefined ? {} : { dispute: row.dispute }),
      })),
    };
  }

  /**
   * One invoice's whole life in one read (Achteraf's own call): its amounts, every fact oldest
   * first, each with the webhook events written with it, and the timers to come. Times stay ISO
   * text and amounts come as decimal text and cents, as on the wire.
   */
  async invoiceTimeline(input, call) {
    const { result: _result, code: _code, ...timeline } = await this.#t.post(
      'invoiceTimeline',
      { ...this.#t.credentials(), invoiceNumber: input.invoiceNumber, ...optionalWorkflow(input) },
      call,
    );
    return timeline;
  }

  async message(input, call) {
    return described(await this.#t.post('message', { ...this.#t.credentials(), ...input }, call));
  }

  async webshopSettings(call) {
    const { status: _status, ...settings } = await this.#t.post('webshopSettings', this.#t.credentials(), call);
    return settings;
  }
}

export class ReconciliationApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** One page (100) of the merchant's invoices. No invoice at all is an empty page, not an error. */
  async invoices(query = {}, call) {
    const params = new URLSearchParams();
    if (query.page !== undefined) params.set('page', String(query.page));
    if (query.dateFrom) params.set('date_from', query.dateFrom);
    if (query.dateTo) params.set('date_to', query.dateTo);
    const search = params.size ? `?${params}` : '';
    try {
      return await this.#t.post('invoices', this.#t.credentials(true), call, { query: search });
    } catch (error) {
      // Billink documents 404 "No invoices found" for an empty result (spec §2.11); to a program
      // that is a page with no rows.
      if (error?.httpStatus === 404 && error.description === 'No invoices found') {
        return { invoices: [], page: query.page ?? 1, total_invoices: '0', total_pages: 0, master_client: undefined };
      }
      throw error;
    }
  }

  /** Every invoice page after page, as an async iterator. */
  async *allInvoices(query = {}, call) {
    for (let page = 1; ; page += 1) {
      const answer = await this.invoices({ ...query, page }, call);
      yield* answer.invoices;
      if (page >= answer.total_pages) return;
    }
  }

  /** The invoice PDF as bytes. */
  async downloadInvoice(input, call = {}) {
    const response = await this.#t.send('downloadInvoice', JSON.stringify({ ...this.#t.credentials(true), ...input }), call);
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith('application/pdf')) return response.body;
    const raw = response.body.toString('utf8');
    // Errors come as {status:"error", message}.
    let message = raw;
    try {
      message = JSON.parse(raw).message ?? raw;
    } catch {}
    throw new BillinkApiError({ endpoint: 'downloadInvoice', code: undefined, description: message, httpStatus: response.status, body: raw });
  }
}

export class SessionsApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** Creates a hosted checkout session; send the customer to `sessionURL`. */
  async create(input, call) {
    const { workflowNumber, returnURL, options, customer, billingAddress, shippingAddress, transaction } = input;
    const body = {
      client: { ...this.#t.credentials(), workflowNumber: String(workflowNumber), returnURL, ...(options ? { options } : {}) },
      customer,
      billingAddress,
      ...(shippingAddress ? { shippingAddress } : {}),
      transaction: {
        ...transaction,
        totalAmount: amountText(transaction.totalAmount, 'totalAmount'),
        ...(transaction.totalTaxAmount !== undefined ? { totalTaxAmount: amountText(transaction.totalTaxAmount, 'totalTaxAmount') } : {}),
        orderItems: transaction.orderItems.map((item) => ({
          ...item,
          productAmount: amountText(item.productAmount, 'productAmount'),
          ...(item.totalProductAmount !== undefined ? { totalProductAmount: amountText(item.totalProductAmount, 'totalProductAmount') } : {}),
          ...(item.productTaxAmount !== undefined ? { productTaxAmount: amountText(item.productTaxAmount, 'productTaxAmount') } : {}),
        })),
      },
    };
    const { status: _status, ...session } = await this.#t.post('createSession', body, call);
    return session;
  }

  /**
   * Achteraf's extension: the domains checkout return URLs may point at (subdomains included); an
   * empty list lifts the restriction. Resolves to the list as stored.
   */
  async setReturnDomains(domains, call) {
    return (await this.#t.post('setReturnDomains', { ...this.#t.credentials(), domains }, call)).domains;
  }

  /** By session id or by Billink invoice number. */
  async status(input, call) {
    const body = { ...this.#t.credentials(), ...(input.sessionID ? { sessionID: input.sessionID } : {}), ...(input.billinkInvoiceNumber ? { billinkInvoiceNumber: input.billinkInvoiceNumber } : {}) };
    return (await this.#t.post('sessionStatus', body, call)).status;
  }
}

export class PartnersApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** Registers a merchant; needs the server's partner key. */
  async createMerchant(input, call = {}) {
    const { partnerKey, workflows, ...fields } = input;
    if (workflows !== undefined) {
      fields.workflows = workflows.map((workflow) => ({ workflowNumber: workflow.workflowNumber, ...workflowSettingsBody(workflow) }));
    }
    const answer = await this.#t.post('createMerchant', fields, call, { headers: { 'x-partner-key': partnerKey } });
    const { result: _result, ...merchant } = answer;
    return merchant;
  }

  async setPassword(input, call) {
    return (await this.#t.post('setPassword', input, call)).message;
  }
}

function items(answer, container, okCode) {
  return {
    code: answer.code,
    items: (answer[container] ?? []).map((row) => ({ invoiceNumber: row.invoiceNumber, code: row.code, message: row.message, ok: row.code === okCode })),
  };
}

function described(answer) {
  return { code: answer.code, description: answer.description };
}

function optionalWorkflow(input) {
  return input.workflowNumber === undefined ? {} : { workflowNumber: input.workflowNumber };
}

/** Achteraf's Buckaroo-compatible gateway (docs/buckaroo.md): the merchant's key pair. */
export class BuckarooApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** A new website key and secret key; the old pair stops working at once, and the secret is shown only here. */
  async rotateCredentials(call) {
    const { websiteKey, secretKey } = await this.#t.post('rotateBuckarooCredentials', this.#t.credentials(), call);
    return { websiteKey, secretKey };
  }

  /** Where pushes go when a transaction names no PushURL; null when none is set. */
  async pushUrl(call) {
    return (await this.#t.post('buckarooPushUrl', this.#t.credentials(), call)).pushUrl;
  }

  /** Sets the push URL (a public http(s) URL), or removes it with null. */
  async setPushUrl(url, call) {
    return (await this.#t.post('setBuckarooPushUrl', { ...this.#t.credentials(), url }, call)).pushUrl;
  }
}

/** Achteraf's BillBlend-compatible DAPI (docs/billblend.md): the control keys of the merchant's endpoints. */
export class BillBlendApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** A new control key for one endpoint; the old key stops working at once, and the new one is shown only here. */
  async rotateControlKey(input, call) {
    const { endpointId, workflowNumber, controlKey } = await this.#t.post('rotateBillBlendControlKey', { ...this.#t.credentials(), endpointId: input.endpointId }, call);
    return { endpointId, workflowNumber, controlKey };
  }

  /** Each of the merchant's endpoints with its final-status callback URL (null when none is set). */
  async callbackUrls(call) {
    return (await this.#t.post('billBlendCallbackUrls', this.#t.credentials(), call)).endpoints.map(({ endpointId, workflowNumber, callbackUrl }) => ({ endpointId, workflowNumber, callbackUrl }));
  }

  /** Sets one endpoint's callback URL (a public http(s) URL), or removes it with null. */
  async setCallbackUrl(input, call) {
    const { endpointId, callbackUrl } = await this.#t.post('setBillBlendCallbackUrl', { ...this.#t.credentials(), endpointId: input.endpointId, url: input.url }, call);
    return { endpointId, callbackUrl };
  }
}
