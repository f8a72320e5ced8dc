/**
 * `achteraf clock` as a child process against a real server: it shows, advances and resets a
 * sandbox merchant's test clock, says what an advance did, and answers a live merchant and a
 * move it cannot read with exit codes that mean something (docs/cli.md).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { createMerchant, PARTNER_KEY, type NewMerchant } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { runCli } from './cli-process.js';

const HOUR = 3_600_000;

describe('achteraf clock', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    // Jobs off: the webhook an advance reports is the one its own follow-up attempted.
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const envFor = (merchant: NewMerchant) => ({ ACHTERAF_URL: server.url, ACHTERAF_USERNAME: merchant.username, ACHTERAF_ID: merchant.clientId, ACHTERAF_CONFIG: '/nonexistent/achteraf.json' });

  test('clock advance 3d prints the move and what it did, and clock shows the moved time', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    await subscribe(server.url, merchant, { url: receiver.url(`/${merchant.username}`) });
    await new Legacy(server.url, merchant).placeOrder({ fields: freshCustomer() });

    const advanced = await runCli(['clock', 'advance', '3d'], envFor(merchant));
    assert.equal(advanced.code, 0, advanced.stderr);
    const lines = advanced.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^Clock advanced: \d{4}-\d{2}-\d{2} \d{2}:\d{2} Amsterdam → \d{4}-\d{2}-\d{2} \d{2}:\d{2} Amsterdam {2}\(3 d ahead of real time\)$/);
    assert.deepEqual(lines.slice(1), ['  Steps applied:      0', '  E-mails sent:       0', '  Webhooks attempted: 1']);
    assert.equal(receiver.received.filter((entry) => entry.path === `/${merchant.username}`).length, 1);

    const shown = await runCli(['clock', '--json'], envFor(merchant));
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(JSON.parse(shown.stdout).offsetMs, 72 * HOUR);
    const human = await runCli(['clock'], envFor(merchant));
    assert.match(human.stdout, /\(3 d ahead of real time; real time /);
  });

  test('clock advance 12h and --to move on from there, and clock reset returns to real time', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const env = envFor(merchant);
    assert.equal(JSON.parse((await runCli(['clock', 'advance', '12h', '--json'], env)).stdout).offsetMs, 12 * HOUR);
    const target = new Date(Date.now() + 40 * 24 * HOUR).toISOString();
    const moved = JSON.parse((await runCli(['clock', 'advance', '--to', target, '--json'], env)).stdout);
    assert.equal(moved.now, target);
    const reset = await runCli(['clock', 'reset'], env);
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /^Clock reset to real time: /);
    assert.equal(JSON.parse((await runCli(['clock', '--json'], env)).stdout).offsetMs, 0);
  });

  test('a live merchant exits 1 with the refusal, and a move the CLI cannot read exits 2 without calling the server', async () => {
    const live = await createMerchant(server.url, { sandbox: false });
    const refused = await runCli(['clock', 'advance', '1d'], envFor(live));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /401 Test clocks are for sandbox merchants only/);

    const sandbox = await createMerchant(server.url, { sandbox: true });
    for (const args of [['clock', 'advance', '3w'], ['clock', 'advance'], ['clock', 'advance', '2d', '--to', '2030-01-01'], ['clock', 'rewind']]) {
      const bad = await runCli(args, envFor(sandbox));
      assert.equal(bad.code, 2, args.join(' '));
    }
    assert.equal(JSON.parse((await runCli(['clock', '--json'], envFor(sandbox))).stdout).offsetMs, 0);
  });
});
