/**
 * Hosted checkout session creation (POST /v2/session/create, spec §2.12) at maximum load on each
 * database, the server in a child process. Every request validates a whole order (customer, lines,
 * totals), checks the Billink number against the merchant's invoices and writes one session row.
 */
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type ChainStep, runClosedLoop } from '../support/closed-loop.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { startServerProcess } from '../support/server-process.js';
import { CONNECTIONS, MEASURE_SECONDS, WARMUP_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';

export const SESSION_CREATE = 'v2 session create, max load';

let sequence = 0;

/** A Magento-shaped create body (spec §2.12) with an order number no other request uses. */
function createBody(): string {
  sequence += 1;
  return JSON.stringify({
    client: {
      billinkUsername: 'usertest',
      billinkID: 'd38a3439590889df026367bf01d621e687b8d278',
      workflowNumber: '1',
      options: { logoURL: 'https://shop.example.test/logo.svg' },
      returnURL: {
        successURL: 'https://shop.example.test/billink/success?txn=Zm9v%2Bbar',
        failURL: 'https://shop.example.test/billink/fail',
        cancelURL: 'https://shop.example.test/billink/cancel',
        backURL: 'https://shop.example.test/checkout/cart',
      },
    },
    customer: { type: 'p', firstName: 'Anna', lastName: 'de Vries', email: `bench-${sequence}@example.com`, gender: 'V', payTrustScore: 0 },
    billingAddress: { street: 'Damrak', houseNumber: '1', postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    transaction: {
      totalAmount: '104.85',
      totalTaxAmount: '18.20',
      purchaseCountry: 'NL',
      purchaseCurrency: 'EUR',
      orderNumber: `BENCH-${process.pid}-${sequence}`,
      orderItems: [
        { code: 'SKU-1', name: 'Wollen trui', quantity: '2', productAmount: '49.95', totalProductAmount: '99.90', taxRate: '21' },
        { code: '0001', name: 'Verzendkosten', quantity: '1', productAmount: '4.95', totalProductAmount: '4.95', taxRate: '21' },
      ],
    },
  });
}

const createStep: ChainStep = {
  name: 'session create',
  path: '/v2/session/create',
  body: createBody,
  accept(body) {
    try {
      return (JSON.parse(body) as { status?: unknown }).status === 'success';
    } catch {
      return false;
    }
  },
};

const sessionCreate: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  for (const engine of await benchEngines()) rows.push(await onEngine(engine));
  return rows;
};
export default sessionCreate;

async function onEngine(engine: BenchEngine): Promise<BenchRow> {
  const server = await startServerProcess({ label: `achteraf sessions (${engine.name})`, script: 'src/bin/server.ts', engine });
  try {
    const run = (seconds: number, measurement?: string) =>
      runClosedLoop({ url: server.url, steps: [createStep], connections: CONNECTIONS, seconds, ...(measurement ? { measurement } : {}) });
    await run(WARMUP_SECONDS);
    const cpuBefore = server.cpuMs();
    const figures = await run(MEASURE_SECONDS, `${SESSION_CREATE} (${engine.name})`);
    const created = figures.steps[0]!.count;
    const cpuPerSession = created > 0 ? (server.cpuMs() - cpuBefore) / created : NaN;
    return {
      scenario: SESSION_CREATE,
      engine: engine.name,
      requestsPerSecond: created / figures.seconds,
      ...p50p99(figures.steps[0]!.latencies),
      rssMb: server.memory().rssMb,
      note: `sessions/s; server CPU ${cpuPerSession.toFixed(2)} ms/session`,
    };
  } finally {
    await server.stop();
  }
}
