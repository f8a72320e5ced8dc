/**
 * Request and answer examples of the v2 operations for the OpenAPI document, the same as in
 * docs/v2-api.md. A lint test validates every one against its operation's schema.
 */
const CREDENTIALS = { billinkUsername: 'usertest', billinkID: 'd38a3439590889df026367bf01d621e687b8d278' };

const CUSTOMER = {
  type: 'P',
  workflowNumber: 1,
  firstName: 'John',
  lastName: 'Doe',
  sex: 'M',
  street: 'Damrak',
  houseNumber: 1,
  postalCode: '1234AB',
  city: 'Amsterdam',
  countryCode: 'NL',
  phoneNumber: '0612345678',
  birthDate: '01-01-1990',
  email: 'john@example.com',
};

const CLOCK = { result: 'MSG', code: '200', now: '2026-12-01T12:00:00.000Z', realNow: '2026-12-01T12:00:00.000Z', offsetMs: 0, mode: 'sandbox' };

/** An answer of docs/v2-api.md "Invoice timeline", cut to one entry of each kind it shows (test/v2/golden/invoice-timeline.json has it whole). */
const TIMELINE_EXAMPLE = {"result":"MSG","code":"200","invoice":{"invoiceNumber":"1TSTKRKND-0001","orderNumber":"KRKND-0001","workflowNumber":1,"orderDate":"2026-11-21","dueDate":"2026-12-08","currency":"EUR","status":"open","step":"reminder","total":"104.85","totalCents":10485,"paid":"10.00","paidCents":1000,"credited":"1.50","creditedCents":150,"open":"93.35","openCents":9335,"costsOpen":"0.00","costsOpenCents":0,"totalOpen":"93.35","totalOpenCents":9335,"onHoldUntil":null},"now":"2026-12-11T12:00:00.000Z","entries":[{"kind":"order_placed","at":"2026-11-21T09:00:00.000Z","events":[{"type":"order_placed","webhooks":[]}]},{"kind":"workflow_started","at":"2026-11-21T09:00:00.000Z","events":[{"type":"order_workflow_started","webhooks":[]}]},{"kind":"payment","at":"2026-11-21T10:00:00.000Z","amount":"10.00","amountCents":1000,"toCosts":"0.00","toCostsCents":0,"channel":"merchant","description":"Bank","events":[{"type":"partial_payment_added","webhooks":[]}]},{"kind":"step","at":"2026-11-24T08:00:00.000Z","step":"Wait for payment","restarted":false,"events":[{"type":"invoice_sent","webhooks":[]}]},{"kind":"mail","at":"2026-11-24T08:00:00.000Z","id":"1","mail":"invoice","reminderNumber":null,"subject":"Factuur 1TSTKRKND-0001 van Test Webshop","recipient":"krknd-0001@example.com","state":"sent","channel":"outbox","attempts":1,"lastError":null,"sentAt":"2026-12-11T12:00:00.000Z"},{"kind":"settlement","at":"2026-12-05T08:00:00.000Z","settlement":"payout","gross":"93.35","grossCents":9335,"fee":"0.00","feeCents":0,"net":"93.35","netCents":9335,"events":[{"type":"order_paid_out","webhooks":[]}]},{"kind":"step","at":"2026-12-09T08:00:00.000Z","step":"Reminder 1","restarted":false,"events":[{"type":"workflow_step_changed","webhooks":[]}]},{"kind":"mail","at":"2026-12-09T08:00:00.000Z","id":"2","mail":"reminder","reminderNumber":1,"subject":"Herinnering 1: factuur 1TSTKRKND-0001","recipient":"krknd-0001@example.com","state":"sent","channel":"outbox","attempts":1,"lastError":null,"sentAt":"2026-12-11T12:00:00.000Z"}],"upcoming":[{"timer":"final_notice","at":"2026-12-16T08:00:00.000Z","reminderNumber":null}],"paused":null};

const MSG = (description: string) => ({ result: 'MSG', code: '200', description });

export const V2_EXAMPLES: Readonly<Record<string, { request?: unknown; response?: unknown }>> = {
  'POST /v2/client/check': {
    request: { ...CREDENTIALS, ...CUSTOMER, orderAmount: 104.85 },
    response: { result: 'MSG', code: '500', description: 'Advies=1', uuid: '98ec1488-bb48-4b2b-9684-de924d5bdda8' },
  },
  'POST /v2/client/order': {
    request: {
      ...CREDENTIALS,
      ...CUSTOMER,
      orderNumber: 'KRKND-0001',
      date: '21-11-2026',
      checkUuid: '98ec1488-bb48-4b2b-9684-de924d5bdda8',
      orderItems: [
        { code: 'SKU-1', description: 'Wollen trui', orderQuantity: 2, priceIncl: 49.95, btw: 21 },
        { code: '0001', description: 'Verzendkosten', orderQuantity: 1, priceIncl: '4.95', btw: '21' },
      ],
    },
    response: { result: 'MSG', code: '200', description: 'Order successfully added', invoice: '1TSTKRKND-0001' },
  },
  'POST /v2/client/order/start-workflow': {
    request: { ...CREDENTIALS, invoices: [{ invoiceNumber: 'KRKND-0001' }, { invoiceNumber: 'KRKND-9999' }] },
    response: {
      result: 'MSG',
      code: '500',
      statuses: [
        { code: 500, invoiceNumber: 'KRKND-0001', message: 'Success' },
        { code: -1, invoiceNumber: 'KRKND-9999', message: 'Order does not exist' },
      ],
    },
  },
  'POST /v2/client/invoice/payment': {
    request: { ...CREDENTIALS, invoices: [{ invoiceNumber: 'KRKND-0001', amount: '10.00', description: 'Bank' }] },
    response: { result: 'MSG', code: '200', invoices: [{ code: 200, invoiceNumber: 'KRKND-0001', message: 'Payment applied: 10.00 EURO.' }] },
  },
  'POST /v2/client/invoice/credit': {
    request: { ...CREDENTIALS, invoices: [{ number: 'KRKND-0001', creditAmount: 1.5, description: 'test credit' }] },
    response: { result: 'MSG', statuses: [{ code: 200, invoiceNumber: 'KRKND-0001', message: 'Credit applied: 1.50 EURO.; step restarted.' }] },
  },
  'POST /v2/client/order/on-hold': {
    request: { ...CREDENTIALS, invoiceNumber: 'KRKND-0001', workflowNumber: 1, days: 5 },
    response: MSG('Order is on hold until 2026-11-26'),
  },
  'POST /v2/client/order/resume': {
    request: { ...CREDENTIALS, invoiceNumber: 'KRKND-0001', workflowNumber: 1 },
    response: MSG('Order resumed'),
  },
  'POST /v2/client/order/message': {
    request: { ...CREDENTIALS, invoiceNumber: 'KRKND-0001', message: 'Klant belt terug' },
    response: MSG('Message added'),
  },
  'POST /v2/client/invoice/timeline': {
    request: { ...CREDENTIALS, invoiceNumber: 'KRKND-0001' },
    response: TIMELINE_EXAMPLE,
  },
  'POST /v2/client/webshop-settings': {
    request: CREDENTIALS,
    response: { status: 'success', minimum_paid_orders: 3, period: 365, total_amount_higher_than: '0.00', whitelist: [] },
  },
  'POST /v2/client/webhook-v3/set': {
    request: { ...CREDENTIALS, url: 'https://shop.example.com/billink/webhook' },
    response: { status: 'success', message: 'Webhook has been set' },
  },
  'POST /v2/client/buckaroo/push-url/set': {
    request: { ...CREDENTIALS, url: 'https://shop.example.com/buckaroo/push' },
    response: { status: 'success', message: 'Push URL has been set', pushUrl: 'https://shop.example.com/buckaroo/push' },
  },
  'POST /v2/client/billblend/callback-url': {
    request: CREDENTIALS,
    response: { status: 'success', message: 'BillBlend callback URLs', endpoints: [{ endpointId: '1001', workflowNumber: 1, callbackUrl: null }] },
  },
  'POST /v2/client/billblend/callback-url/set': {
    request: { ...CREDENTIALS, endpointId: '1001', url: 'https://shop.example.com/billblend/callback' },
    response: { status: 'success', message: 'Callback URL has been set', endpointId: '1001', callbackUrl: 'https://shop.example.com/billblend/callback' },
  },
  'POST /v2/sandbox/clock': {
    request: CREDENTIALS,
    response: { ...CLOCK, description: 'Test clock' },
  },
  'POST /v2/sandbox/clock/advance': {
    request: { ...CREDENTIALS, days: 3 },
    response: {
      ...CLOCK,
      description: 'Test clock advanced',
      now: '2026-12-04T12:00:00.000Z',
      offsetMs: 259_200_000,
      from: '2026-12-01T12:00:00.000Z',
      steps: { 'Wait for payment': 2 },
      stepsApplied: 2,
      emails: 2,
      webhooks: 2,
    },
  },
  'POST /v2/sandbox/clock/reset': {
    request: CREDENTIALS,
    response: { ...CLOCK, description: 'Test clock reset to real time', from: '2026-12-04T12:00:00.000Z' },
  },
};
