/** `npm run docs:openapi`: writes the served OpenAPI document to docs/openapi.json (kept equal by a test). */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { startServer } from '../main.js';

const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', JOBS: 'off' }));
try {
  const answer = await server.app.inject({ method: 'GET', url: '/v2/openapi.json' });
  writeFileSync(new URL('../../docs/openapi.json', import.meta.url), `${JSON.stringify(answer.json(), null, 2)}\n`);
} finally {
  await server.close();
}
