import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, eventually, postJson, subscribe } from '../support/webhook-receiver.js';

const CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };
const run = promisify(execFile);

async function deliveryState(server: TestServer, webhookId: string) {
  const log = await postJson(server.url, '/v2/client/webhook/deliveries', { ...CREDENTIALS, pageSize: 100 });
  return (log.json.deliveries as any[]).find((delivery) => delivery.webhookId === webhookId);
}

async function finished(server: TestServer, webhookId: string, state: 'delivered' | 'failed') {
  return eventually(async () => {
    const delivery = await deliveryState(server, webhookId);
    return delivery?.state === state ? delivery : undefined;
  }, 20_000, `delivery ${webhookId} ${state}`);
}

describe('retries with WEBHOOK_RETRY_SCHEDULE=1,1,1 and mail over SMTP', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let smtp: SmtpSink;
  let legacy: Legacy;
  before(async () => {
    smtp = await new SmtpSink().start();
    server = await startTestServer({
      env: { WEBHOOK_RETRY_SCHEDULE: '1,1,1', WEBHOOK_TIMEOUT_SECONDS: '1', SMTP_URL: smtp.url, MAIL_FROM: 'Webhooks <hooks@achteraf.test>' },
    });
    receiver = await new WebhookReceiver().start();
    legacy = new Legacy(server.url);
  });
  after(async () => {
    await receiver.close();
    await server.close();
    await smtp.close();
  });

  test('a receiver that fails three times gets the same bytes and webhook id a fourth time, at least a second after each failure', async () => {
    await subscribe(server.url, USERTEST, { url: receiver.url('/flaky') });
    receiver.answer(500, 2);
    receiver.answer(404, 1);
    const order = await legacy.placeOrder();
    const attempts = await receiver.waitFor(4, (entry) => entry.path === '/flaky' && entry.json.invoice_number_clean === order.orderNumber);
    assert.deepEqual(attempts.map((attempt) => attempt.answered), [500, 500, 404, 200]);
    assert.equal(new Set(attempts.map((attempt) => attempt.webhookId)).size, 1);
    assert.equal(new Set(attempts.map((attempt) => attempt.body)).size, 1);
    for (let i = 1; i < attempts.length; i++) {
      assert.ok(attempts[i]!.at.getTime() - attempts[i - 1]!.at.getTime() >= 950, `retry ${i} waited the scheduled second`);
    }
    const delivery = await finished(server, attempts[0]!.webhookId!, 'delivered');
    assert.deepEqual(delivery.attempts.map((attempt: any) => [attempt.number, attempt.httpStatus, attempt.error]), [
      [1, 500, null],
      [2, 500, null],
      [3, 404, null],
      [4, 200, null],
    ]);
    assert.equal(delivery.attempts[0].responseBody, 'failing on purpose (500)');
    assert.equal(delivery.nextAttemptAt, null);
  });

  test('after the fourth failure the delivery is failed and the merchant gets exactly one e-mail', async () => {
    await subscribe(server.url, USERTEST, { url: receiver.url('/down') });
    receiver.answer(503, 4);
    const order = await legacy.placeOrder();
    const attempts = await receiver.waitFor(4, (entry) => entry.path === '/down' && entry.json.invoice_number_clean === order.orderNumber);
    const delivery = await finished(server, attempts[0]!.webhookId!, 'failed');
    assert.equal(delivery.attempts.length, 4);
    assert.ok(delivery.finishedAt);
    const mail = await eventually(async () => smtp.mails.find((m) => m.text.includes(attempts[0]!.webhookId!)), 15_000, 'the failure e-mail');
    assert.deepEqual(mail.to, ['usertest@sandbox.achteraf.test']);
    assert.equal(mail.from, 'hooks@achteraf.test');
    assert.match(mail.subject, /^Webhook delivery failed: order_placed to http:\/\/127\.0\.0\.1:\d+\/down$/);
    assert.match(mail.text, /It was tried 4 times/);
    assert.match(mail.text, /HTTP 503/);
    await eventually(async () => {
      const [row] = await server.store.db.query<{ state: string }>("SELECT state FROM mail_outbox WHERE body LIKE '%' || $1 || '%'", [attempts[0]!.webhookId]);
      return row?.state === 'sent' ? row : undefined;
    }, 15_000, 'the mail marked sent');
    // Nothing else arrives for this delivery: no fifth attempt and no second mail.
    receiver.answer(503, 1);
    await legacy.placeOrder();
    await receiver.waitFor(1, (entry) => entry.path === '/down' && entry.json.invoice_number_clean !== order.orderNumber);
    assert.equal(receiver.received.filter((entry) => entry.webhookId === attempts[0]!.webhookId).length, 4);
    assert.equal(smtp.mails.filter((m) => m.text.includes(attempts[0]!.webhookId!)).length, 1);
  });

  test('a receiver that does not answer within the time limit, or cannot be reached, is a recorded failure', async () => {
    await subscribe(server.url, USERTEST, { url: receiver.url('/slow') });
    receiver.hangNext();
    const order = await legacy.placeOrder();
    const [first] = await receiver.waitFor(1, (entry) => entry.path === '/slow' && entry.json.invoice_number_clean === order.orderNumber);
    const retried = await receiver.waitFor(2, (entry) => entry.webhookId === first!.webhookId);
    assert.equal(retried[1]!.answered, 200);
    const delivery = await finished(server, first!.webhookId!, 'delivered');
    assert.equal(delivery.attempts[0].httpStatus, null);
    assert.equal(delivery.attempts[0].error, 'timeout after 1 s');
    assert.ok(delivery.attempts[0].latencyMs >= 900);

    const closedPort = await unusedPort();
    await subscribe(server.url, USERTEST, { url: `http://127.0.0.1:${closedPort}/nobody` });
    await legacy.placeOrder();
    const unreachable = await eventually(async () => {
      const log = await postJson(server.url, '/v2/client/webhook/deliveries', { ...CREDENTIALS, pageSize: 1 });
      const newest = log.json.deliveries[0];
      return newest?.url.includes(`:${closedPort}/`) && newest.attempts.length > 0 ? newest : undefined;
    }, 15_000, 'an attempt at a closed port');
    assert.equal(unreachable.attempts[0].httpStatus, null);
    assert.match(unreachable.attempts[0].error, /ECONNREFUSED/);
    assert.equal(unreachable.state, 'pending');
  });
});

describe('failure mail without SMTP_URL', () => {
  let dataDir: string | undefined;
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    // PGlite keeps one process per folder: the listing CLI reads the folder after the server stops.
    dataDir = TEST_DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'achteraf-mail-'));
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCHEDULE: '', ...(dataDir ? { DATA_DIR: dataDir } : {}) } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('stays in the outbox, and npm run mail lists it', async () => {
    await subscribe(server.url, USERTEST, { url: receiver.url('/gone') });
    receiver.answer(410, 1);
    const order = await new Legacy(server.url).placeOrder();
    const [attempt] = await receiver.waitFor(1, (entry) => entry.path === '/gone');
    await finished(server, attempt!.webhookId!, 'failed');
    const [row] = await server.store.db.query<{ state: string; recipient: string; subject: string }>(
      "SELECT state, recipient, subject FROM mail_outbox WHERE body LIKE '%' || $1 || '%'",
      [attempt!.webhookId],
    );
    assert.deepEqual(row, { state: 'pending', recipient: 'usertest@sandbox.achteraf.test', subject: `Webhook delivery failed: order_placed to ${receiver.url('/gone')}` });

    const env: Record<string, string> = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' };
    if (dataDir) {
      await server.close();
      env.DATA_DIR = dataDir;
    } else {
      env.DATABASE_URL = server.config.databaseUrl!;
      env.DATABASE_SCHEMA = server.config.databaseSchema!;
    }
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/bin/mail-outbox.ts'], { env, cwd: new URL('../../', import.meta.url).pathname });
    assert.match(stdout, /^#\d+ {2}\S+ {2}\(pending\)$/m);
    assert.match(stdout, /^To: usertest@sandbox\.achteraf\.test$/m);
    assert.ok(stdout.includes(`Subject: Webhook delivery failed: order_placed to ${receiver.url('/gone')}`));
    assert.ok(stdout.includes(`X-Billink-Webhook-Id: ${attempt!.webhookId}`));
    assert.ok(stdout.includes(order.orderNumber));
    if (dataDir) server = await startTestServer({ env: { DATA_DIR: dataDir } });
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
