/**
 * GET /metrics (docs/operations.md, "Metrics"): Prometheus text with requests per route and wire
 * code, webhook deliveries by outcome, outbox depth and age, job runs and pool use; on or off and
 * token-protected by settings whose defaults docs/security.md explains.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { apiXml, checkFields, Legacy, post, USERTEST } from '../support/legacy-client.js';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, eventually, subscribe } from '../support/webhook-receiver.js';
import { postJson } from '../v2/v2-client.js';

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${server.url}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one sample, e.g. `achteraf_outbox_depth{kind="webhook"}`, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the metrics of a server with jobs', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer({ env: { METRICS: 'on' } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  test('count requests per method, route, HTTP status and wire code in a latency histogram', async () => {
    const positive = await post(server.url, '/api/check', apiXml('check', checkFields()));
    await post(server.url, '/api/check', apiXml('check', checkFields(), {}, { username: USERTEST.username, clientId: 'f'.repeat(40) }));
    await postJson(server.url, '/v2/client/check', { billinkUsername: 'nobody', billinkID: 'f'.repeat(40) });
    const { status, type, text } = await scrape(server);
    assert.equal(status, 200);
    assert.match(type ?? '', /^text\/plain; version=0\.0\.4/);
    const labels = (route: string, code: string) => `{method="POST",route="${route}",status="200",code="${code}"}`;
    assert.equal(sample(text, `achteraf_http_request_duration_seconds_count${labels('/api/check', positive.code)}`), 1);
    assert.equal(sample(text, `achteraf_http_request_duration_seconds_count${labels('/api/check', '102')}`), 1);
    assert.equal(sample(text, `achteraf_http_request_duration_seconds_count${labels('/v2/client/check', '101')}`), 1);
    assert.equal(sample(text, `achteraf_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/check",status="200",code="102"}`), 1);
    assert.ok(sample(text, 'process_cpu_seconds_total') !== undefined);
  });

  test('count webhook deliveries by outcome and job runs by job, and show the outbox', async () => {
    await subscribe(server.url, USERTEST, { url: receiver.url('/metrics-hook') });
    await new Legacy(server.url).placeOrder();
    await receiver.waitFor(1, (entry) => entry.path === '/metrics-hook', 15_000);
    const text = await eventually(async () => {
      const { text } = await scrape(server);
      return (sample(text, 'achteraf_webhook_deliveries_total{outcome="delivered"}') ?? 0) >= 1 ? text : undefined;
    });
    assert.ok((sample(text, 'achteraf_job_runs_total{job="webhook-delivery",result="ok"}') ?? 0) >= 1);
    assert.equal(sample(text, 'achteraf_outbox_depth{kind="webhook"}'), 0);
    assert.equal(sample(text, 'achteraf_outbox_oldest_age_seconds{kind="webhook"}'), 0);
    assert.ok(sample(text, 'achteraf_outbox_depth{kind="mail"}') !== undefined);
    if (TEST_DATABASE_URL) assert.equal(sample(text, 'achteraf_db_pool_connections{state="max"}'), 5);
  });
});

describe('the outbox in the metrics of a server with JOBS=off', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { METRICS: 'on', JOBS: 'off' } });
  });
  after(() => server.close());

  test('shows deliveries waiting for a worker and the age of the oldest', async () => {
    await subscribe(server.url, USERTEST, { url: 'http://127.0.0.1:9/never' });
    await new Legacy(server.url).placeOrder();
    const { text } = await scrape(server);
    assert.ok((sample(text, 'achteraf_outbox_depth{kind="webhook"}') ?? 0) >= 1, text);
    assert.ok((sample(text, 'achteraf_outbox_oldest_age_seconds{kind="webhook"}') ?? -1) >= 0);
    assert.equal(text.includes('achteraf_job_runs_total{'), false);
  });
});

describe('metrics switched off', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { METRICS: 'off' } });
  });
  after(() => server.close());

  test('are not served', async () => {
    assert.equal((await scrape(server)).status, 404);
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token, AUTH_FAILURE_LIMIT_PER_MINUTE: '2' } });
  });
  after(() => server.close());

  test('need the bearer token; wrong tokens count as failed authentications of their source', async () => {
    const missing = await fetch(`${server.url}/metrics`);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="metrics"');
    assert.equal((await scrape(server, { authorization: `Bearer ${token}` })).status, 200);
    assert.equal((await scrape(server, { authorization: 'Bearer wrong-token-wrong-token' })).status, 401);
    assert.equal((await scrape(server, { authorization: `Bearer ${token}x` })).status, 401);
    assert.equal((await scrape(server, { authorization: 'Bearer wrong-token-wrong-token' })).status, 429);
    assert.equal((await scrape(server, { authorization: `Bearer ${token}` })).status, 429);
  });
});

describe('the metrics settings', () => {
  test('serve metrics by default on the embedded database, and in production only with a token or METRICS=on', () => {
    assert.equal(loadConfig({}).metrics, true);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/achteraf' }).metrics, false);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).metrics, false);
    assert.equal(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: 'a'.repeat(16) }).metrics, true);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/achteraf', METRICS_TOKEN: 'a'.repeat(16) }).metrics, true);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/achteraf', METRICS: 'on' }).metrics, true);
    assert.equal(loadConfig({ METRICS: 'off' }).metrics, false);
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN must be at least 16 characters/);
  });

  test('limit failed authentications to 60 a minute per source by default, and trust no proxy unless told', () => {
    assert.equal(loadConfig({}).authFailureLimitPerMinute, 60);
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8,127.0.0.1');
    assert.equal(loadConfig({ TRUST_PROXY: 'on' }).trustProxy, true);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'proxy.example.com' }), /TRUST_PROXY must be/);
  });
});
