/**
 * The `achteraf` CLI as a child process against a real server: listen forwards signed webhooks
 * while trigger makes them happen, invoices and logs read the merchant's data, login saves
 * credentials, and exit codes say what went wrong.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyWebhook } from '@achteraf/billink';
import { USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually, WebhookReceiver } from '../support/webhook-receiver.js';
import { client } from '../sdk/sdk-fixtures.js';
import { RunningCli, runCli } from './cli-process.js';

const PARTNER_KEY = 'partner-key-for-the-cli-tests-0123456789';

describe('the achteraf CLI', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let home: string;
  let env: Record<string, string>;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    receiver = await new WebhookReceiver().start();
    home = mkdtempSync(join(tmpdir(), 'achteraf-cli-'));
    env = { ACHTERAF_URL: server.url, ACHTERAF_USERNAME: USERTEST.username, ACHTERAF_ID: USERTEST.clientId, ACHTERAF_CONFIG: join(home, 'none.json') };
  });
  after(async () => {
    await receiver.close();
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('listen forwards each webhook signed to the local URL while trigger order_paid makes it happen', async () => {
    const secret = await client(server.url).webhooks.generateSecret();
    const listen = new RunningCli(['listen', '--forward-to', receiver.url('/local'), '--json'], env);
    try {
      await listen.waitForLine((line) => line.includes('"type":"ready"'), 'ready');
      const triggered = await runCli(['trigger', 'order_paid', '--json'], env);
      assert.equal(triggered.code, 0, triggered.stderr);
      const report = JSON.parse(triggered.stdout);
      assert.deepEqual(report.steps.map((step: { action: string }) => step.action), ['order', 'start workflow', 'payment']);
      assert.equal(JSON.parse(report.webhook.body).event, 'order_paid');

      const forwarded = JSON.parse(await listen.waitForLine((line) => line.includes('"event":"order_paid"'), 'order_paid forwarded'));
      assert.deepEqual([forwarded.invoiceNumber, forwarded.forwarded.status], [report.invoiceNumber, 200]);
      const [received] = await receiver.waitFor(1, (entry) => entry.path === '/local' && entry.json.event === 'order_paid' && entry.json.invoice_number === report.invoiceNumber);
      const event = verifyWebhook({ secret, rawBody: received!.body, headers: received!.headers });
      assert.equal(event.kind === 'order' && event.payload.invoice_number, report.invoiceNumber);
    } finally {
      assert.equal(await listen.stop(), 0);
    }
  });

  test('listen prints each webhook with its answer for people, without colours when not on a terminal', async () => {
    receiver.answer(500, 1, 'nope');
    const listen = new RunningCli(['listen', '--forward-to', receiver.url('/human'), '--events', 'order_placed'], env);
    try {
      await listen.waitForLine((line) => line.startsWith('Ready!'), 'ready');
      assert.equal((await runCli(['trigger', 'order_placed'], env)).code, 0);
      const line = await listen.waitForLine((text) => text.includes(' order_placed '), 'the forwarded line');
      assert.match(line, /order_placed {2}1TSTCLI-\S+ {2}-> 500 Internal Server Error \(\d+ ms\)$/);
      assert.ok(!listen.lines.join('\n').includes('\u001b['), 'no colour codes in a pipe');
    } finally {
      await listen.stop();
    }
  });

  test('trigger reports each step it took and the event it caused, for order, session and hold events', async () => {
    for (const [event, steps] of [['order_on_hold', 4], ['order_created', 3], ['cancelled', 3], ['partial_payment_added', 4]] as const) {
      const result = await runCli(['trigger', event], env);
      assert.equal(result.code, 0, `${event}: ${result.stderr}`);
      const lines = result.stdout.trim().split('\n');
      assert.equal(lines[0], `Triggering ${event} on usertest (sandbox)`);
      assert.equal(lines.length, 1 + steps, result.stdout);
      assert.match(lines.at(-1)!, new RegExp(`✓ event +${event} happened \\(event \\d+`));
    }
  });

  test('trigger refuses a live merchant and an unknown event', async () => {
    const live = await client(server.url).partners.createMerchant({
      partnerKey: PARTNER_KEY, billinkUsername: 'partner', billinkID: 1, username: `live-cli-${process.pid}`, email: 'owner@example.com',
      companyName: 'Live Goods', firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com',
      contactPhone: '0207654321', street: 'Keizersgracht', houseNumber: '100', postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL',
      cocNumber: '12345678', vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Live Goods',
    });
    const refused = await runCli(['trigger', 'order_paid'], { ...env, ACHTERAF_USERNAME: live.username, ACHTERAF_ID: live.uid });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /live merchant; trigger works on sandbox merchants only/);
    const unknown = await runCli(['trigger', 'order_exploded'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /trigger needs one of: order_placed/);
  });

  test('invoices list and show, and logs tail, print the merchant\'s data as JSON for scripts', async () => {
    const triggered = JSON.parse((await runCli(['trigger', 'order_workflow_started', '--json'], env)).stdout);
    const listed = await runCli(['invoices', 'list', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    const page = JSON.parse(listed.stdout);
    assert.ok(page.invoices.some((row: { invoice_number: string }) => row.invoice_number === triggered.invoiceNumber));
    // show prints the answer of the one timeline call: the same JSON the SDK and v2 give.
    const shown = await runCli(['invoices', 'show', triggered.invoiceNumber, '--json'], env);
    assert.equal(shown.code, 0, shown.stderr);
    const detail = JSON.parse(shown.stdout);
    assert.deepEqual(detail, { ...(await client(server.url).v2.invoiceTimeline({ invoiceNumber: triggered.invoiceNumber })), now: detail.now });
    assert.deepEqual([detail.invoice.totalCents, detail.invoice.step], [10485, 'wait_for_payment']);
    assert.deepEqual(detail.entries.map((entry: { kind: string }) => entry.kind), ['order_placed', 'workflow_started']);
    assert.equal(detail.upcoming[0]?.timer, 'send_invoice');
    const human = await runCli(['invoices', 'show', triggered.invoiceNumber], env);
    assert.match(human.stdout, /total EUR 104\.85, paid 0\.00, credited 0\.00, open 104\.85, costs open 0\.00/);
    assert.match(human.stdout, /Timeline\n {2}\S+Z {2}order placed\n(.*\n)* {2}\S+Z {2}workflow started\n/);
    assert.match(human.stdout, /Next \(the webshop's time is \S+Z\)\n {2}\S+Z {2}send invoice\n/);
    const unknown = await runCli(['invoices', 'show', 'NOPE'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /invoice NOPE not found/);

    await client(server.url).webhooks.setOrderWebhook({ url: receiver.url('/logged'), signed: false });
    const withDelivery = JSON.parse((await runCli(['trigger', 'order_placed', '--json'], env)).stdout);
    await receiver.waitFor(1, (entry) => entry.path === '/logged' && entry.json.invoice_number === withDelivery.invoiceNumber);
    // The delivery's answer is recorded just after the receiver has it: read until it is.
    const withWebhook = await eventually(async () => {
      const text = (await runCli(['invoices', 'show', withDelivery.invoiceNumber], env)).stdout;
      return /: delivered \(attempt 1: 200\)/.test(text) ? text : undefined;
    }, 15_000, 'the delivered webhook in the timeline');
    assert.match(withWebhook, new RegExp(`order placed\\n {6}event order_placed\\n {6}webhook \\d+ order_placed → ${receiver.url('/logged').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: delivered \\(attempt 1: 200\\)`));
    const tail = await runCli(['logs', 'tail', '--deliveries', '--json', '--limit', '5'], env);
    assert.equal(tail.code, 0, tail.stderr);
    const deliveries = tail.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.ok(deliveries.some((delivery) => JSON.parse(delivery.body).invoice_number === withDelivery.invoiceNumber));
    await client(server.url).webhooks.disableOrderWebhook();
  });

  test('logs tail --follow prints an API request made while it runs, with its route, wire code and request id, and ends on Ctrl-C', async () => {
    const tail = new RunningCli(['logs', 'tail', '--follow', '--json', '--limit', '1'], env);
    try {
      await tail.waitForLine((text) => text.startsWith('{'), 'the first page');
      const answer = await fetch(`${server.url}/v2/client/order/info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, invoices: ['NOT-THERE-FOR-THE-TAIL'] }),
      });
      const requestId = answer.headers.get('x-request-id');
      assert.ok(requestId);
      const line = await tail.waitForLine((text) => text.includes(requestId), 'the new request');
      const logged = JSON.parse(line);
      assert.deepEqual([logged.method, logged.path, logged.status], ['POST', '/v2/client/order/info', answer.status]);
      assert.equal(typeof logged.code, 'string');
      assert.ok(Number.isInteger(logged.durationMs));
    } finally {
      assert.equal(await tail.stop(), 0);
    }
  });

  test('logs tail prints the latest API requests for people, one line each with method and route', async () => {
    // Followed, because the server writes its log in batches: the request shows up within a poll.
    const tail = new RunningCli(['logs', 'tail', '--follow', '--limit', '1'], env);
    try {
      await client(server.url).v2.webshopSettings();
      const line = await tail.waitForLine((text) => text.includes('/v2/client/webshop-settings'), 'the webshop settings request');
      assert.match(line, /^\S+Z {2}POST {3}\/v2\/client\/webshop-settings\s+200 \S+\s+\d+ ms {2}\S+$/);
    } finally {
      assert.equal(await tail.stop(), 0);
    }
  });

  test('logs tail --deliveries --follow prints a delivery that happens while it runs', async () => {
    await client(server.url).webhooks.setOrderWebhook({ url: receiver.url('/followed'), signed: false });
    const before = JSON.parse((await runCli(['trigger', 'order_placed', '--json'], env)).stdout);
    await receiver.waitFor(1, (entry) => entry.path === '/followed' && entry.json.invoice_number === before.invoiceNumber);
    const tail = new RunningCli(['logs', 'tail', '--deliveries', '--follow', '--json', '--limit', '1'], env);
    try {
      await tail.waitForLine((text) => text.includes(before.invoiceNumber), 'the first page');
      const during = JSON.parse((await runCli(['trigger', 'order_placed', '--json'], env)).stdout);
      const line = await tail.waitForLine((text) => text.includes(during.invoiceNumber), 'the new delivery');
      assert.equal(JSON.parse(JSON.parse(line).body).event, 'order_placed');
    } finally {
      assert.equal(await tail.stop(), 0);
      await client(server.url).webhooks.disableOrderWebhook();
    }
  });

  test('login checks the credentials and saves them for later commands in a file only its owner can read', async () => {
    const config = join(home, 'config.json');
    const bare = { ACHTERAF_CONFIG: config };
    const login = await runCli(['login', '--url', server.url, '--username', USERTEST.username, '--id', USERTEST.clientId], bare);
    assert.equal(login.code, 0, login.stderr);
    assert.deepEqual(JSON.parse(readFileSync(config, 'utf8')), { url: server.url, username: USERTEST.username, clientId: USERTEST.clientId });
    assert.equal(statSync(config).mode & 0o777, 0o600);
    assert.equal((await runCli(['invoices', 'list'], bare)).code, 0);
    const wrong = await runCli(['login', '--url', server.url, '--username', USERTEST.username, '--id', 'f'.repeat(40)], { ACHTERAF_CONFIG: join(home, 'wrong.json') });
    assert.equal(wrong.code, 3);
  });

  test('exit codes: 2 for usage, 3 for missing or unknown credentials, 4 for an unreachable server', async () => {
    assert.equal((await runCli([], env)).code, 2);
    assert.equal((await runCli(['listen'], env)).code, 2);
    assert.equal((await runCli(['invoices', 'list', '--bogus'], env)).code, 2);
    assert.equal((await runCli(['invoices', 'list'], { ACHTERAF_URL: server.url, ACHTERAF_CONFIG: join(home, 'none.json') })).code, 3);
    const unknown = await runCli(['logs', 'tail', '--json'], { ...env, ACHTERAF_USERNAME: 'nobody' });
    assert.equal(unknown.code, 3);
    assert.deepEqual(JSON.parse(unknown.stdout), { error: 'requests refused: 101 Unknown client username or client id', exitCode: 3 });
    assert.equal((await runCli(['invoices', 'list'], { ...env, ACHTERAF_URL: 'http://127.0.0.1:9' })).code, 4);
  });

  test('mail lists the outbox of a database as JSON', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'achteraf-mail-'));
    try {
      const result = await runCli(['mail', '--json'], { DATA_DIR: dataDir });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, '');
      const human = await runCli(['mail'], { DATA_DIR: dataDir });
      assert.equal(human.stdout.trim(), 'The mail outbox is empty.');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
