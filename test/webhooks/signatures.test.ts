import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, postJson, subscribe, type ReceivedWebhook } from '../support/webhook-receiver.js';

type Verify = (secret: string, rawBody: string, signature: string | undefined, timestamp: string | undefined, nowSeconds?: number) => boolean;

/** The verification example from docs/webhooks.md, run as written. */
async function documentedVerifier(): Promise<{ verify: Verify; cleanup: () => void }> {
  const markdown = readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
  const section = markdown.slice(markdown.indexOf('## Verifying a signature'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'docs/webhooks.md has a TypeScript example under "Verifying a signature"');
  const folder = mkdtempSync(join(tmpdir(), 'verify-'));
  writeFileSync(join(folder, 'verify.ts'), code);
  const module = (await import(join(folder, 'verify.ts'))) as Record<string, Verify>;
  const verify = Object.values(module).find((value) => typeof value === 'function');
  assert.ok(verify);
  return { verify, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

const header = (entry: ReceivedWebhook, name: string) => entry.headers[name] as string | undefined;

describe('signed webhooks (v3)', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let legacy: Legacy;
  let verifier: { verify: Verify; cleanup: () => void };
  before(async () => {
    server = await startTestServer();
    receiver = await new WebhookReceiver().start();
    legacy = new Legacy(server.url);
    verifier = await documentedVerifier();
  });
  after(async () => {
    verifier.cleanup();
    await receiver.close();
    await server.close();
  });

  test('a v3 delivery verifies with the documented recipe: hex HMAC-SHA256 of timestamp + raw body, keyed with the secret text', async () => {
    const secret = (await subscribe(server.url, USERTEST, { url: receiver.url('/v3') }))!;
    const placed = await legacy.placeOrder();
    const [delivery] = await receiver.waitFor(1, (entry) => entry.path === '/v3' && entry.json.invoice_number_clean === placed.orderNumber);
    const signature = header(delivery!, 'x-billink-signature');
    const timestamp = header(delivery!, 'x-billink-timestamp');
    assert.match(signature ?? '', /^[0-9a-f]{64}$/);
    assert.match(timestamp ?? '', /^\d{10}$/);
    assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 300, 'the timestamp is of the attempt');
    assert.equal(signature, createHmac('sha256', secret).update(`${timestamp}${delivery!.body}`).digest('hex'));
    assert.equal(header(delivery!, 'content-type'), 'application/json');
    assert.match(header(delivery!, 'x-billink-webhook-id') ?? '', /^[0-9a-f-]{36}$/);

    assert.equal(verifier.verify(secret, delivery!.body, signature, timestamp), true);
    assert.equal(verifier.verify(secret, delivery!.body.replace('order_placed', 'order_paid'), signature, timestamp), false);
    assert.equal(verifier.verify(secret, delivery!.body, signature, String(Number(timestamp) + 1)), false);
    assert.equal(verifier.verify(Buffer.from(secret, 'base64').toString('hex'), delivery!.body, signature, timestamp), false);
    assert.equal(verifier.verify(secret, delivery!.body, signature, timestamp, Number(timestamp) + 301), false, 'older than 5 minutes');
    assert.equal(verifier.verify(secret, delivery!.body, undefined, timestamp), false);
  });

  test('a new secret signs the next deliveries, and the old secret no longer verifies them', async () => {
    const old = (await subscribe(server.url, USERTEST, { url: receiver.url('/rotated') }))!;
    const renewed = await postJson(server.url, '/v2/client/webhook-v3/secret/generate', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId });
    const placed = await legacy.placeOrder();
    const [delivery] = await receiver.waitFor(1, (entry) => entry.path === '/rotated' && entry.json.invoice_number_clean === placed.orderNumber);
    const signature = header(delivery!, 'x-billink-signature');
    const timestamp = header(delivery!, 'x-billink-timestamp');
    assert.equal(verifier.verify(renewed.json.secret, delivery!.body, signature, timestamp), true);
    assert.equal(verifier.verify(old, delivery!.body, signature, timestamp), false);
  });

  test('the session webhook is signed with the same secret', async () => {
    const secret = (await subscribe(server.url, USERTEST, { url: receiver.url('/session'), kind: 'session' }))!;
    await server.store.transaction((tx) =>
      tx.events.append({
        type: 'session_status_changed',
        merchantId: 'm_usertest',
        sessionId: 'ses_signature',
        status: 'cancelled',
        invoiceId: undefined,
        orderNumber: 'SIG-1',
        billinkInvoiceNumber: '1TSTSIG-1',
        transactionId: 'tx_sig1',
        at: new Date(),
      }),
    );
    const [delivery] = await receiver.waitFor(1, (entry) => entry.path === '/session');
    assert.equal(delivery!.body, '{"status":"cancelled","invoiceNumber":"SIG-1","transactionId":"tx_sig1","billinkInvoiceNumber":"1TSTSIG-1"}');
    assert.equal(verifier.verify(secret, delivery!.body, header(delivery!, 'x-billink-signature'), header(delivery!, 'x-billink-timestamp')), true);
  });

  test('a classic order webhook is not signed but carries the webhook id', async () => {
    await subscribe(server.url, USERTEST, { url: receiver.url('/classic'), signed: false });
    const placed = await legacy.placeOrder();
    const [delivery] = await receiver.waitFor(1, (entry) => entry.path === '/classic' && entry.json.invoice_number_clean === placed.orderNumber);
    assert.equal(header(delivery!, 'x-billink-signature'), undefined);
    assert.equal(header(delivery!, 'x-billink-timestamp'), undefined);
    assert.match(header(delivery!, 'x-billink-webhook-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(header(delivery!, 'content-type'), 'application/json');
  });
});
