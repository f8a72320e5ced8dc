/**
 * A sandbox shop driven only through the public surfaces, for the end-to-end tests of the
 * collection workflow: orders over the legacy XML API, time moved only by
 * POST /v2/sandbox/clock/advance, customer e-mails read from a real SMTP server (with their PDF
 * read back by PDF.js) and order webhooks from a real HTTP receiver. Every advance is recorded with
 * exactly what arrived while it ran, so a test can hold the advance's answer against it.
 */
import assert from 'node:assert/strict';
import { decodeHeader, mimeParts } from '../support/mime-parts.js';
import { readPdf } from '../support/pdf-text.js';
import type { SmtpSink } from '../support/smtp-sink.js';
import type { TestServer } from '../support/test-server.js';
import { type Fields, type Item, Legacy, orderFields } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { type ReceivedWebhook, subscribe, type WebhookReceiver } from '../support/webhook-receiver.js';
import { createShop } from '../customer/customer-support.js';
import { postJson } from '../v2/v2-client.js';

export interface ReadMail {
  to: string[];
  subject: string;
  /** The plain-text part, no-break spaces as spaces. */
  text: string;
  pdfName: string | undefined;
  /** The attached PDF's text as a viewer shows it, lines joined by spaces; '' when none is attached. */
  pdf: string;
}

export interface Advance {
  /** The clock endpoint's answer. */
  answer: { now: string; from: string; steps: Record<string, number>; stepsApplied: number; emails: number; webhooks: number };
  mails: ReadMail[];
  hooks: ReceivedWebhook[];
}

export interface Order {
  orderNumber: string;
  invoiceNumber: string;
  email: string;
}

let orderSequence = 0;

export class EndToEndShop {
  readonly advances: Advance[] = [];

  private constructor(
    readonly server: TestServer,
    readonly sink: SmtpSink,
    readonly receiver: WebhookReceiver,
    readonly legacy: Legacy,
  ) {}

  /** A sandbox merchant created by a partner, with an order webhook pointing at the receiver. */
  static async open(server: TestServer, sink: SmtpSink, receiver: WebhookReceiver, country: 'NL' | 'BE' = 'NL'): Promise<EndToEndShop> {
    const { legacy } = await createShop(server, country);
    await subscribe(server.url, legacy.merchant, { url: receiver.url(`/${legacy.merchant.username}`) });
    return new EndToEndShop(server, sink, receiver, legacy);
  }

  get credentials() {
    return { billinkUsername: this.legacy.merchant.username, billinkID: this.legacy.merchant.clientId };
  }

  /** Check, order and start workflow over the legacy API for a customer of its own. */
  async startedOrder(fields: Fields, items: Item[]): Promise<Order> {
    const customer = freshCustomer(fields);
    const amount = items.reduce((sum, item) => sum + Number(item.PRICEINCL) * Number(item.ORDERQUANTITY), 0).toFixed(2);
    const uuid = await this.legacy.check({ ...customer, ORDERAMOUNT: amount });
    // Short, so the invoice number fits an ISO 11649 creditor reference and one line of the PDF.
    orderSequence += 1;
    const number = `E${orderSequence}${Math.random().toString(36).slice(2, 6)}`;
    const placed = await this.legacy.call('/api/order', 'Order', orderFields(uuid, number, customer), { ORDERITEMS: items });
    assert.equal(placed.code, '200', placed.text);
    const started = await this.legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: number }] });
    assert.equal(started.api.MSG.STATUSES.ITEM[0].CODE, '500', started.text);
    return { orderNumber: number, invoiceNumber: String(placed.api.MSG.INVOICE), email: customer.EMAIL! };
  }

  /** Moves the shop's clock and answers what the advance said and what arrived while it ran. */
  async advance(move: { days: number } | { hours: number } | { to: string }): Promise<Advance> {
    const mailsBefore = this.sink.mails.length;
    const hooksBefore = this.receiver.received.length;
    const response = await postJson(this.server.url, '/v2/sandbox/clock/advance', { ...this.credentials, ...move });
    assert.equal(response.body?.code, '200', response.text);
    const mails = await Promise.all(this.sink.mails.slice(mailsBefore).map(readMail));
    const hooks = this.receiver.received.slice(hooksBefore).filter((hook) => hook.path === `/${this.legacy.merchant.username}`);
    const advance: Advance = { answer: response.body, mails, hooks };
    // What the advance says it did is what reached the SMTP server and the webhook receiver.
    assert.equal(advance.answer.emails, mails.length, `e-mails of the advance to ${advance.answer.now}`);
    assert.equal(advance.answer.webhooks, hooks.length, `webhooks of the advance to ${advance.answer.now}`);
    assert.equal(advance.answer.stepsApplied, Object.values(advance.answer.steps).reduce((sum, n) => sum + n, 0));
    this.advances.push(advance);
    return advance;
  }

  /**
   * Advances one day at a time until an advance applies a step named `step`, and answers the
   * advances on the way; every earlier one applied no step at all.
   */
  async advanceUntil(step: string, maxDays = 40): Promise<{ reached: Advance; quiet: Advance[] }> {
    const quiet: Advance[] = [];
    for (let day = 0; day < maxDays; day += 1) {
      const advance = await this.advance({ days: 1 });
      if (advance.answer.steps[step]) return { reached: advance, quiet };
      assert.deepEqual(advance.answer.steps, {}, `no other step before ${step} (${advance.answer.now})`);
      quiet.push(advance);
    }
    throw new Error(`no ${step} within ${maxDays} days`);
  }

  /** Legacy Status of one invoice (spec §2.4). */
  async status(order: Order): Promise<{ STATUS: string; DESCRIPTION: string; PAIDOUT: string }> {
    const answer = await this.legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: order.orderNumber }] });
    return answer.api.MSG.INVOICES.INVOICE[0];
  }

  /** The invoice as the v2 reconciliation list shows it (docs/v2-api.md "Reconciliation"). */
  async listed(order: Order): Promise<Record<string, any>> {
    const answer = await postJson(this.server.url, '/v2/client/invoices?page=1', {
      billinkUsername: this.legacy.merchant.username,
      billinkId: this.legacy.merchant.clientId,
    });
    assert.equal(answer.status, 200, answer.text);
    const found = answer.body.invoices.find((invoice: { invoice_number_clean: string }) => invoice.invoice_number_clean === order.orderNumber);
    assert.ok(found, `${order.orderNumber} in the reconciliation list`);
    return found;
  }

  /** Every webhook event the receiver got for one order, in the order they arrived. */
  eventsOf(order: Order): string[] {
    return this.receiver.received
      .filter((hook) => hook.path === `/${this.legacy.merchant.username}` && hook.json.invoice_number_clean === order.orderNumber)
      .map((hook) => String(hook.json.event));
  }
}

async function readMail(mail: SmtpSink['mails'][number]): Promise<ReadMail> {
  const parts = mimeParts(mail.raw);
  const text = (parts.find((part) => part.contentType === 'text/plain')?.content.toString('utf8') ?? '').replaceAll('\u00a0', ' ').replaceAll('\r\n', '\n');
  const pdf = parts.find((part) => part.contentType === 'application/pdf');
  const pdfText = pdf ? (await readPdf(pdf.content)).text.replaceAll('\u00a0', ' ').replace(/\n/g, ' ') : '';
  return { to: mail.to, subject: decodeHeader(mail.subject), text, pdfName: pdf?.fileName, pdf: pdfText };
}

/** The pay page link in a customer e-mail (docs/collection.md "The pay page"). */
export function payLink(mail: ReadMail): URL {
  const found = /(http:\/\/127\.0\.0\.1:\d+\/pay\/[A-Za-z0-9_-]{22})\?lang=(nl|en)/.exec(mail.text);
  assert.ok(found, `a pay link in:\n${mail.text}`);
  return new URL(found[0]);
}

/** Posts the pay page's form as a browser without JavaScript does; answers the status and where it sends the customer. */
export async function payOnPage(link: URL, amount: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${link.origin}${link.pathname}/pay`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: link.origin, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ amount, lang: link.searchParams.get('lang') ?? 'nl' }).toString(),
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}
