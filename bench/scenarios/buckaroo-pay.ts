/**
 * Buckaroo Pay at maximum load on each database (docs/benchmarks.md, docs/buckaroo.md): one
 * signed POST /json/Transaction that checks the HMAC and its nonce, runs the credit check, places
 * the order, starts its workflow, records the transaction and signs the answer. Compare it with the
 * raw check+order pair (the same SQL as the check and the order, without any of Achteraf's code)
 * and with the legacy pair, which needs two calls for the check and the order alone.
 */
import { randomUUID } from 'node:crypto';
import { authorizationHeader, encodedUri } from '../../src/api/buckaroo/hmac.js';
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type ChainStep, runClosedLoop } from '../support/closed-loop.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { startServerProcess } from '../support/server-process.js';
import { CONNECTIONS, MEASURE_SECONDS, WARMUP_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';

export const BUCKAROO_PAY = 'Buckaroo Pay (signed; check+order+start), max load';

/** The public sandbox pair of usertest (README). */
const WEBSITE_KEY = 'USERTEST01';
const SECRET_KEY = 'usertest-buckaroo-secret';
const PATH = '/json/Transaction';

let sequence = 0;

/** A Pay as the Node SDK sends it, for a customer (e-mail and address) no other request uses, so no exposure limit is reached. */
function payBody(): string {
  sequence += 1;
  const customer = (group: string) =>
    Object.entries({
      Street: 'Hoofdstraat', StreetNumber: 10_000 + sequence, PostalCode: '8441EE', City: 'Heerenveen', Country: 'NL',
      Email: `bench-${process.pid}-${sequence}@example.com`, MobilePhone: '0698765433', BirthDate: '01-01-1990',
      Category: 'B2C', FirstName: 'Test', LastName: 'Acceptatie', Salutation: 'Mr.',
    }).map(([Name, Value]) => ({ Name, GroupType: group, Value }));
  const article = (id: number, identifier: string, description: string, quantity: number, price: number) =>
    Object.entries({ Identifier: identifier, Description: description, VatPercentage: 21, Quantity: quantity, GrossUnitPriceIncl: price }).map(
      ([Name, Value]) => ({ Name, GroupType: 'Article', GroupID: id, Value }),
    );
  return JSON.stringify({
    Currency: 'EUR',
    AmountDebit: 100.3,
    Invoice: `BENCH-${process.pid}-${sequence}`,
    Order: `ORD-${process.pid}-${sequence}`,
    ClientIP: { type: 0, address: '127.0.0.1' },
    Services: {
      ServiceList: [
        {
          Name: 'billink',
          Action: 'Pay',
          Version: 0,
          Parameters: [
            ...customer('BillingCustomer'),
            ...customer('ShippingCustomer'),
            ...article(1, 'Articlenumber1', 'Blue Toy Car', 2, 40.1),
            ...article(2, 'Articlenumber2', 'Red Toy Car', 1, 20.1),
          ],
        },
      ],
    },
  });
}

/** One signed Pay, as a closed-loop step; bench/compare.ts uses it too (BENCH_COMPARE=pay). */
export function payStep(host: string): ChainStep {
  const uri = encodedUri(`${host}${PATH}`);
  return {
    name: 'buckaroo pay',
    path: PATH,
    body: payBody,
    headers: (body) => ({
      host,
      'content-type': 'application/json; charset=utf-8',
      // A fresh nonce and the time of sending on every request, as the SDKs sign (spec buckaroo.md §2.2).
      authorization: authorizationHeader(SECRET_KEY, {
        websiteKey: WEBSITE_KEY,
        method: 'POST',
        uri,
        timestamp: String(Math.floor(Date.now() / 1000)),
        nonce: randomUUID().replaceAll('-', ''),
        body,
      }),
    }),
    accept(body) {
      try {
        return (JSON.parse(body) as { Status?: { Code?: { Code?: unknown } } }).Status?.Code?.Code === 190;
      } catch {
        return false;
      }
    },
  };
}

const buckarooPay: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  for (const engine of await benchEngines()) rows.push(await onEngine(engine));
  return rows;
};
export default buckarooPay;

async function onEngine(engine: BenchEngine): Promise<BenchRow> {
  // The sandbox pair signs the requests; a production start seeds no sandbox merchants unless asked.
  const server = await startServerProcess({ label: `achteraf buckaroo (${engine.name})`, script: 'src/bin/server.ts', engine, env: { SANDBOX_SEED: 'on' } });
  try {
    const step = payStep(new URL(server.url).host);
    const run = (seconds: number, measurement?: string) =>
      runClosedLoop({ url: server.url, steps: [step], connections: CONNECTIONS, seconds, ...(measurement ? { measurement } : {}) });
    await run(WARMUP_SECONDS);
    const cpuBefore = server.cpuMs();
    const figures = await run(MEASURE_SECONDS, `${BUCKAROO_PAY} (${engine.name})`);
    const paid = figures.steps[0]!.count;
    const cpuPerPay = paid > 0 ? (server.cpuMs() - cpuBefore) / paid : NaN;
    return {
      scenario: BUCKAROO_PAY,
      engine: engine.name,
      requestsPerSecond: paid / figures.seconds,
      ...p50p99(figures.steps[0]!.latencies),
      rssMb: server.memory().rssMb,
      note: `pays/s; server CPU ${cpuPerPay.toFixed(2)} ms/pay`,
    };
  } finally {
    await server.stop();
  }
}
