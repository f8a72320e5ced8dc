/**
 * `node --import tsx bench/request-log-cost.ts [rows]`: what the API request log costs
 * (docs/benchmarks.md "The request log"). On the request path: one `add` per request, timed over
 * many calls. Off it: the batched INSERT the writer runs, per row, on PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. Loopback and local files only; stops by itself.
 */
import { openDatabase } from '../src/main.js';
import { FLUSH_AT, RequestLogWriter } from '../src/operations/request-log-writer.js';
import { migrate } from '../src/store/migrate.js';
import { SqlRequestLog } from '../src/store/request-log-repository.js';
import { dropSchema, testConfig } from '../test/support/test-server.js';

const rows = Number(process.argv[2] ?? 50_000);
const record = (n: number) => ({
  merchant: 'usertest', at: new Date(), method: 'POST', route: '/api/check', status: 200, wireCode: '500', durationMs: 3.2, requestId: `bench-${n}`,
});

// The request path: add() only pushes onto the batch (a store that never writes keeps it honest).
const idle = new RequestLogWriter({ append: async () => undefined, prune: async () => undefined }, () => undefined);
const addStart = performance.now();
for (let n = 0; n < rows; n++) idle.add(record(n));
const addNs = ((performance.now() - addStart) * 1e6) / rows;
await idle.close();
console.log(`add() on the request path: ${addNs.toFixed(0)} ns per request (${rows} calls)`);

for (const databaseUrl of [undefined, process.env.TEST_DATABASE_URL].filter((url, index) => index === 0 || url)) {
  const config = databaseUrl ? testConfig() : { ...testConfig(), databaseUrl: undefined };
  const db = await openDatabase(config);
  await migrate(db);
  const table = new SqlRequestLog(db);
  const batch = Array.from({ length: FLUSH_AT }, (_, n) => record(n));
  const batches = Math.max(1, Math.floor(rows / FLUSH_AT));
  const start = performance.now();
  for (let n = 0; n < batches; n++) await table.append(batch);
  const ms = performance.now() - start;
  console.log(
    `${db.engine}: ${batches} INSERTs of ${FLUSH_AT} rows in ${ms.toFixed(0)} ms, ${((ms * 1000) / (batches * FLUSH_AT)).toFixed(1)} µs per row, ` +
      `${Math.round((batches * FLUSH_AT) / (ms / 1000))} rows/s`,
  );
  await db.close();
  if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
}
