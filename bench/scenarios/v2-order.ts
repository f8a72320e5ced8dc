/**
 * The v2 JSON check + order at maximum load on each database (docs/benchmarks.md, docs/v2-api.md):
 * `POST /v2/client/check` for a new customer, then `POST /v2/client/order` with the uuid it handed
 * out, as the legacy pair does over XML. Judged against the raw v2 pair of bench/scenarios/baselines.ts,
 * the same SQL with JSON in and out and none of Achteraf's code.
 */
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type ChainStep, runClosedLoop } from '../support/closed-loop.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { type BenchCustomer, newCustomer, newOrderNumber, ORDER_TOTAL } from '../support/legacy-xml.js';
import { startServerProcess } from '../support/server-process.js';
import { CONNECTIONS, MEASURE_SECONDS, WARMUP_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';

export const V2_PAIR = 'v2 check+order pair (JSON), max load';

const CREDENTIALS = { billinkUsername: 'usertest', billinkID: 'd38a3439590889df026367bf01d621e687b8d278' };

/** The customer fields of the legacy benchmark's XML, under their v2 names. */
function customerFields(customer: BenchCustomer) {
  return {
    ...CREDENTIALS, type: 'P', workflowNumber: 1, firstName: 'Jan', lastName: 'de Vries', street: 'Damrak', houseNumber: customer.houseNumber,
    postalCode: '1012LG', city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: customer.birthDate,
    email: customer.email, ip: '127.0.0.1',
  };
}

const ITEMS = [
  { code: 'SKU-1', description: 'Wollen trui', orderQuantity: 2, priceIncl: '49.95', btw: '21' },
  { code: '0001', description: 'Verzendkosten', orderQuantity: 1, priceIncl: '4.95', btw: '21' },
];

function answer(body: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Check, then order with the check's uuid; the raw v2 baseline answers the same requests. */
export function v2PairSteps(): ChainStep[] {
  return [
    {
      name: 'v2 check',
      path: '/v2/client/check',
      body(state) {
        const customer = newCustomer();
        state.customer = customer;
        return JSON.stringify({ ...customerFields(customer), orderAmount: ORDER_TOTAL });
      },
      headers: () => ({ 'content-type': 'application/json' }),
      accept(body, state) {
        const parsed = answer(body);
        state.uuid = parsed?.uuid;
        return parsed?.code === '500' && typeof parsed.uuid === 'string';
      },
    },
    {
      name: 'v2 order',
      path: '/v2/client/order',
      body: (state) =>
        JSON.stringify({
          ...customerFields(state.customer as BenchCustomer), sex: 'M', orderNumber: newOrderNumber(), date: today(),
          checkUuid: String(state.uuid), orderItems: ITEMS,
        }),
      headers: () => ({ 'content-type': 'application/json' }),
      accept(body) {
        const parsed = answer(body);
        return parsed?.code === '200' && typeof parsed.invoice === 'string';
      },
    },
  ];
}

const v2Order: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  for (const engine of await benchEngines()) rows.push(await onEngine(engine));
  return rows;
};
export default v2Order;

async function onEngine(engine: BenchEngine): Promise<BenchRow> {
  const server = await startServerProcess({ label: `achteraf v2 (${engine.name})`, script: 'src/bin/server.ts', engine });
  try {
    const run = (seconds: number, measurement?: string) =>
      runClosedLoop({ url: server.url, steps: v2PairSteps(), connections: CONNECTIONS, seconds, ...(measurement ? { measurement } : {}) });
    await run(WARMUP_SECONDS);
    const cpuBefore = server.cpuMs();
    const figures = await run(MEASURE_SECONDS, `${V2_PAIR} (${engine.name})`);
    const cpuPerPair = figures.chains > 0 ? (server.cpuMs() - cpuBefore) / figures.chains : NaN;
    return {
      scenario: V2_PAIR,
      engine: engine.name,
      requestsPerSecond: figures.chains / figures.seconds,
      ...p50p99(figures.chainLatencies),
      rssMb: server.memory().rssMb,
      note: `pairs/s; server CPU ${cpuPerPair.toFixed(2)} ms/pair`,
    };
  } finally {
    await server.stop();
  }
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getDate())}-${pad(now.getMonth() + 1)}-${now.getFullYear()}`;
}
