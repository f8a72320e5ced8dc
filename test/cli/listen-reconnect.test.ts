/**
 * `achteraf listen` survives a server restart: it reconnects and resumes after the last event it
 * forwarded, so an event that happens right after the restart still reaches the local URL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../src/main.js';
import { USERTEST } from '../support/legacy-client.js';
import { dropSchema, testConfig, TEST_DATABASE_URL, uniqueSchema } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { client, placeOrder } from '../sdk/sdk-fixtures.js';
import { RunningCli } from './cli-process.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('achteraf listen across a server restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'achteraf-restart-'));
  const schema = uniqueSchema();
  let receiver: WebhookReceiver;
  let port = 0;
  // The same database both times: a data folder on PGlite, one schema on PostgreSQL.
  const start = () => startServer(testConfig({ PORT: String(port), ...(TEST_DATABASE_URL ? { DATABASE_SCHEMA: schema } : { DATA_DIR: dataDir }) }));
  before(async () => {
    receiver = await new WebhookReceiver().start();
    port = await freePort();
  });
  after(async () => {
    await receiver.close();
    if (TEST_DATABASE_URL) await dropSchema(TEST_DATABASE_URL, schema);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('an event after the restart is forwarded once the stream is back', { timeout: 120_000 }, async () => {
    let server: RunningServer = await start();
    const env = { ACHTERAF_URL: server.url, ACHTERAF_USERNAME: USERTEST.username, ACHTERAF_ID: USERTEST.clientId, ACHTERAF_CONFIG: join(dataDir, 'none.json') };
    const listen = new RunningCli(['listen', '--forward-to', receiver.url('/restart'), '--json'], env);
    try {
      await listen.waitForLine((line) => line.includes('"type":"ready"'), 'ready');
      const first = await placeOrder(client(server.url));
      await receiver.waitFor(1, (entry) => entry.path === '/restart' && entry.json.invoice_number === first.invoiceNumber);
      await server.close();
      server = await start();
      const second = await placeOrder(client(server.url));
      const [forwarded] = await receiver.waitFor(1, (entry) => entry.path === '/restart' && entry.json.invoice_number === second.invoiceNumber, 60_000);
      assert.equal(forwarded!.json.event, 'order_placed');
      assert.equal(receiver.received.filter((entry) => entry.path === '/restart' && entry.json.invoice_number === first.invoiceNumber).length, 1, 'nothing forwarded twice');
    } finally {
      await listen.stop();
      await server.close();
    }
  });
});
