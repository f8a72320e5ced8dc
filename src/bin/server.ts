/** `npm start`: the server on the embedded database, or on PostgreSQL when DATABASE_URL is set. */
import { type Config, loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';
import { describeStartFailure } from './start-failure.js';

let config: Readonly<Config> | undefined;
let server: RunningServer;
try {
  config = loadConfig();
  server = await startServer(config);
} catch (error) {
  const failure = describeStartFailure(error, config);
  console.error(`achteraf: ${failure.message}`);
  if (failure.showStack && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(failure.exitCode);
}
server.app.log.info(
  `Achteraf listening on ${server.url} (${server.store.db.engine}, public URL ${server.links.baseUrl}); ` +
    `open ${server.links.baseUrl}/ for the documentation and the OpenAPI document` +
    (config!.sandboxSeed ? ' and the sandbox credentials' : ''),
);

// SIGTERM (orchestrators, systemd, `kill`) and SIGINT (Ctrl-C) close gracefully; a second signal
// while closing cuts the requests still running instead of waiting out the grace period.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      server.app.log.warn(`${signal} again: cutting the requests still running`);
      server.cutConnections();
      return;
    }
    stopping = true;
    server.app.log.info(`${signal}: stopping; requests in flight get up to ${config!.shutdownGraceMs} ms to finish`);
    server.close().then(
      () => {
        server.app.log.info('Achteraf stopped');
        process.exit(0);
      },
      (error: unknown) => {
        server.app.log.error({ err: error }, 'closing failed');
        process.exit(1);
      },
    );
  });
}
