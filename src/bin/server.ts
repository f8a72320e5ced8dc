/** `npm start`: the server on the embedded database, or on PostgreSQL when DATABASE_URL is set. */
import { loadConfig } from '../config.js';
import { startServer } from '../main.js';

const config = loadConfig();
const server = await startServer(config);
server.app.log.info(`Achteraf listening on ${server.url} (${server.store.db.engine}, public URL ${server.links.baseUrl})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
