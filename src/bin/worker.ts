/**
 * `npm run worker`: all background work (webhook delivery, the checkout session expiry sweep, and
 * mail with SMTP_URL; background-jobs.ts) in a process of its own, beside
 * servers started with JOBS=off or as extra capacity. Any number may run on one PostgreSQL
 * database; claims skip rows another worker holds. PGlite allows one process per data folder,
 * and that process is the server, so the worker needs DATABASE_URL.
 */
import { loadConfig } from '../config.js';
import { listenForDeliveries } from '../jobs/delivery-notifications.js';
import { startBackgroundJobs } from '../jobs/background-jobs.js';
import { coreContext, notificationBuilders, notificationSigners, openDatabase } from '../main.js';
import { systemClock } from '../runtime/system-clock.js';
import { pdfRendererFor } from '../outbound/pdf-render-pool.js';
import { migrate } from '../store/migrate.js';
import { createSqlStore } from '../store/sql-store.js';

const config = loadConfig();
const quiet = config.logLevel === 'silent';
/** One JSON line per message, like the server's log; errors carry their message, never a secret. */
const write = (level: string, details: Record<string, unknown>, message: string) => {
  if (quiet && level !== 'fatal') return;
  const err = details.err instanceof Error ? { message: details.err.message } : details.err;
  console.error(JSON.stringify({ level, time: Date.now(), msg: message, ...details, ...(err ? { err } : {}) }));
};
const log = {
  error: (details: { err: unknown; job: string }, message: string) => write('error', details, message),
  warn: (details: { err: unknown }, message: string) => write('warn', details, message),
};

if (!config.databaseUrl) {
  const reason = 'The worker needs PostgreSQL (DATABASE_URL). On the embedded database only the server process may open';
  write('fatal', {}, `${reason} the data folder, and it delivers webhooks itself unless JOBS=off.`);
  process.exit(2);
}

if (config.smtpUrl && !config.publicUrl) {
  // Its own listen address is no address a customer can reach: every pay-page link in the mails
  // it sends would be dead. The server may fall back to where it listens; the worker listens nowhere.
  write('fatal', {}, 'The worker sends customer e-mails over SMTP_URL, and their links need PUBLIC_URL (the address customers reach); set it.');
  process.exit(2);
}

const db = await openDatabase(config);
await migrate(db);
const pdfRenderer = pdfRendererFor(config.pdfWorkers);
const jobs = startBackgroundJobs({ pdfRenderer, db, settings: config, clock: systemClock, core: coreContext(config, createSqlStore(db, notificationBuilders)), log, signers: notificationSigners(db), baseUrl: () => config.publicUrl ?? `http://${config.host}:${config.port}` });
const stopListening = await listenForDeliveries(config.databaseUrl, () => jobs.wakeDeliveries(), log).catch((error: unknown) => {
  log.warn({ err: error }, 'LISTEN failed; the worker polls every second instead');
  return async () => {};
});
write('info', {}, `Achteraf worker running (postgres${config.databaseSchema ? `, schema ${config.databaseSchema}` : ''})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Requests in flight finish (at most the webhook timeout) and their results are written.
    Promise.all([stopListening(), jobs.stop()])
      .then(() => Promise.all([pdfRenderer.close(), db.close()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
