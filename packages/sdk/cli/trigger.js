/**
 * `achteraf trigger <event>`: makes the event really happen on a sandbox merchant, through the
 * same public API a shop uses (a check, an order, a workflow start, a payment, …), then waits
 * until the event shows up on the merchant's live stream and reports every step.
 */
import { randomBytes } from 'node:crypto';
import { Billink } from '../src/index.js';
import { CliError, EXIT } from './output.js';

const WAIT_FOR_EVENT_MS = 15_000;
const TOTAL = '104.85';

/** What each event needs first, as a list of steps (each step runs after the previous one). */
const RECIPES = {
  order_placed: ['order'],
  order_workflow_started: ['order', 'startWorkflow'],
  partial_payment_added: ['order', 'startWorkflow', 'partialPayment'],
  order_paid: ['order', 'startWorkflow', 'fullPayment'],
  customer_fully_paid: ['order', 'startWorkflow', 'fullPayment'],
  partial_credit_added: ['order', 'startWorkflow', 'partialCredit'],
  order_fully_accredited: ['order', 'startWorkflow', 'fullCredit'],
  order_on_hold: ['order', 'startWorkflow', 'onHold'],
  // Session webhooks report a session's final status (docs/checkout.md); an open session sends none.
  order_created: ['session', 'approveSession'],
  cancelled: ['session', 'cancelSession'],
  failed: ['decliningSession', 'approveSession'],
};

export const TRIGGER_EVENTS = Object.keys(RECIPES);

export async function trigger({ settings, positionals, out, signal }) {
  const event = positionals[0];
  if (!event || !Object.hasOwn(RECIPES, event)) {
    throw new CliError(`trigger needs one of: ${TRIGGER_EVENTS.join(', ')}`, EXIT.usage);
  }
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId });
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const stream = billink.webhooks.stream({ signal: stop.signal });
    const ready = (await stream.next()).value;
    if (!ready || ready.type !== 'ready') throw new CliError('the server did not open the webhook stream', EXIT.failed);
    // Triggers create orders and book money; on a live merchant those would be real.
    if (!ready.merchant.sandbox) throw new CliError(`${ready.merchant.username} is a live merchant; trigger works on sandbox merchants only`, EXIT.failed);
    out.line(`Triggering ${out.bold(event)} on ${ready.merchant.username} (sandbox)`);

    const state = { billink, settings, steps: [] };
    for (const step of RECIPES[event]) {
      const done = await STEPS[step](state);
      state.steps.push(done);
      out.line(`  ${out.green('✓')} ${done.action.padEnd(16)} ${done.summary}`);
    }

    const wanted = ['order_created', 'cancelled', 'failed'].includes(event) ? 'session' : 'order';
    const key = wanted === 'session' ? state.session.invoice : state.invoiceNumber;
    const arrived = await waitFor(stream, (message) => message.type === 'webhook' && message.kind === wanted && message.event === event && matches(message, key), stop);
    if (!arrived) throw new CliError(`the ${event} event did not arrive within ${WAIT_FOR_EVENT_MS / 1000} s`, EXIT.failed);
    out.line(`  ${out.green('✓')} ${'event'.padEnd(16)} ${event} happened (event ${arrived.eventId}, webhook id ${arrived.webhookId})`);
    out.data({ event, merchant: ready.merchant, invoiceNumber: state.invoiceNumber ?? state.session?.invoice, steps: state.steps, webhook: { eventId: arrived.eventId, webhookId: arrived.webhookId, body: arrived.body } });
    return EXIT.ok;
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

function matches(message, key) {
  const body = JSON.parse(message.body);
  return body.invoice_number === key || body.billinkInvoiceNumber === key;
}

async function waitFor(stream, predicate, stop) {
  const timer = setTimeout(() => stop.abort(), WAIT_FOR_EVENT_MS);
  try {
    for await (const message of stream) if (predicate(message)) return message;
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function reference(prefix) {
  return `${prefix}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/** A fresh customer each time, so the sandbox's exposure limit never declines a trigger. */
function customer() {
  return {
    type: 'P', workflowNumber: 1, firstName: 'Test', lastName: 'Trigger', sex: 'M', street: 'Damrak', houseNumber: 1,
    postalCode: '1012LG', city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990',
    email: `cli-${randomBytes(6).toString('hex')}@example.com`,
  };
}

const ITEMS = [
  { code: 'SKU-1', description: 'Wollen trui', quantity: 2, priceIncl: '49.95', vatRate: 21 },
  { code: '0001', description: 'Verzendkosten', quantity: 1, priceIncl: '4.95', vatRate: 21 },
];

const STEPS = {
  async order(state) {
    const person = customer();
    // BACKDOOR 1 approves in the sandbox, so the exposure limit never stops a trigger.
    const check = await state.billink.v2.check({ ...person, orderAmount: TOTAL, backdoor: 1 });
    if (!check.approved) throw new CliError(`the check was declined: ${check.code} ${check.description}`, EXIT.failed);
    const orderNumber = reference('CLI');
    const order = await state.billink.v2.order({ ...person, orderNumber, date: new Date().toISOString().slice(0, 10), checkUuid: check.uuid, items: ITEMS });
    state.invoiceNumber = order.invoiceNumber;
    return { action: 'order', summary: `${order.invoiceNumber} placed for € ${TOTAL} (check ${check.uuid})`, invoiceNumber: order.invoiceNumber, orderNumber };
  },
  async startWorkflow(state) {
    const result = await state.billink.v2.startWorkflow({ invoices: [state.invoiceNumber] });
    return itemStep('start workflow', result);
  },
  async partialPayment(state) {
    return itemStep('payment', await state.billink.v2.payment({ invoices: [{ invoiceNumber: state.invoiceNumber, amount: '10.00', description: 'achteraf trigger' }] }));
  },
  async fullPayment(state) {
    return itemStep('payment', await state.billink.v2.payment({ invoices: [{ invoiceNumber: state.invoiceNumber, amount: TOTAL, description: 'achteraf trigger' }] }));
  },
  async partialCredit(state) {
    return itemStep('credit', await state.billink.v2.credit({ invoices: [{ invoiceNumber: state.invoiceNumber, amount: '4.95', description: 'achteraf trigger' }] }));
  },
  async fullCredit(state) {
    return itemStep('credit', await state.billink.v2.credit({ invoices: [{ invoiceNumber: state.invoiceNumber, amount: TOTAL, description: 'achteraf trigger' }] }));
  },
  async onHold(state) {
    const result = await state.billink.v2.onHold({ invoiceNumber: state.invoiceNumber, days: 5 });
    return { action: 'on hold', summary: result.description };
  },
  session(state) {
    return openSession(state, `cli-${randomBytes(6).toString('hex')}@example.com`);
  },
  /** The sandbox declines a customer whose e-mail has +decline (docs/legacy-api.md), so approving fails the session. */
  decliningSession(state) {
    return openSession(state, `cli-${randomBytes(6).toString('hex')}+decline@example.com`);
  },
  async approveSession(state) {
    return pageStep(state, 'approve', 'approve page', { birthDate: '01-01-1990', phone: '0612345678', sex: 'M', terms: 'yes' });
  },
  async cancelSession(state) {
    return pageStep(state, 'cancel', 'cancel page', {});
  },
};

async function openSession(state, email) {
  const shop = 'https://shop.example/achteraf-trigger';
  const session = await state.billink.sessions.create({
    workflowNumber: 1,
    returnURL: { successURL: `${shop}/success`, failURL: `${shop}/fail` },
    customer: { type: 'p', firstName: 'Test', lastName: 'Trigger', email, gender: 'M', birthdate: '01-01-1990', mobile: '0612345678' },
    billingAddress: { street: 'Damrak', houseNumber: '1', postalCode: '1012LG', city: 'Amsterdam', countryCode: 'NL' },
    transaction: {
      totalAmount: TOTAL, orderNumber: reference('CLIS'),
      orderItems: [
        { code: 'SKU-1', name: 'Wollen trui', quantity: 2, productAmount: '49.95', taxRate: 21 },
        { code: '0001', name: 'Verzendkosten', quantity: 1, productAmount: '4.95', taxRate: 21 },
      ],
    },
  });
  state.session = session;
  return { action: 'session', summary: `${session.sessionID} open at ${session.sessionURL}`, sessionID: session.sessionID, invoiceNumber: session.invoice };
}

function itemStep(action, result) {
  const item = result.items[0];
  if (!item?.ok) throw new CliError(`${action} refused: ${item?.code} ${item?.message}`, EXIT.failed);
  return { action, summary: item.message, code: item.code };
}

/** What the customer's browser does on the hosted checkout page: a form POST. */
async function pageStep(state, what, action, form) {
  const response = await fetch(`${state.session.sessionURL}/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  if (response.status >= 400) throw new CliError(`the checkout page refused to ${what}: HTTP ${response.status}`, EXIT.failed);
  return { action, summary: `HTTP ${response.status}${response.headers.get('location') ? ` -> ${response.headers.get('location')}` : ''}` };
}
