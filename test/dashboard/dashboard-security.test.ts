import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../../src/api/billink-v2/handlers/change-password.js';
import { ManualClock, MINUTE } from '../../src/core/shared/clock.js';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { getPage, postForm, signIn } from './dashboard-client.js';

describe('dashboard sessions, CSRF and the sign-in limit', () => {
  let server: TestServer;
  let usertestInvoice: string;
  let apitestInvoice: string;
  // A fixed minute, so the sign-in limit's window cannot end in the middle of a test.
  const clock = new ManualClock(new Date('2026-11-30T10:00:05Z'));
  before(async () => {
    server = await startTestServer({
      overrides: { clock },
      env: {
        DASHBOARD_SIGN_IN_LIMIT_PER_MINUTE: '3',
        TRUST_PROXY: 'on',
        OPERATOR_USERNAME: 'operator',
        OPERATOR_PASSWORD_HASH: await hashPassword('operator-password-1'),
      },
    });
    usertestInvoice = (await new Legacy(server.url, USERTEST).placeOrder()).invoice;
    apitestInvoice = (await new Legacy(server.url, APITEST).placeOrder()).invoice;
  });
  after(() => server.close());

  async function openAmount(session: { cookie: string }, invoice: string): Promise<string> {
    const { html } = await getPage(server.url, `/dashboard/invoices/${invoice}`, { ...session, csrf: '' });
    return /data-testid="open-amount">([^<]+)</.exec(html)![1]!;
  }

  test('a post without the session CSRF token is refused with 403 and books nothing', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    const before = await openAmount(session, usertestInvoice);
    const answer = await postForm(server.url, `/dashboard/invoices/${usertestInvoice}/payment`, { amount: '10.00' }, { cookie: session.cookie });
    assert.equal(answer.status, 403);
    assert.match(await answer.text(), /Het formulier was verlopen of kwam niet van deze pagina/);
    const wrong = await postForm(server.url, `/dashboard/invoices/${usertestInvoice}/payment`, { amount: '10.00', csrf: session.csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, { cookie: session.cookie });
    assert.equal(wrong.status, 403);
    assert.equal(await openAmount(session, usertestInvoice), before);
  });

  test('a post with the right token from another origin is refused with 403 and books nothing', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    const before = await openAmount(session, usertestInvoice);
    const answer = await postForm(
      server.url,
      `/dashboard/invoices/${usertestInvoice}/payment`,
      { amount: '10.00', csrf: session.csrf },
      { cookie: session.cookie, origin: 'https://attacker.example' },
    );
    assert.equal(answer.status, 403);
    assert.equal(await openAmount(session, usertestInvoice), before);
  });

  test('the same post with the token from our own origin books the payment', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    const answer = await postForm(server.url, `/dashboard/invoices/${usertestInvoice}/payment`, { amount: '10,00', csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location')!, /\?done=payment#timeline$/);
    assert.match(await openAmount(session, usertestInvoice), /94,85/);
  });

  test('a failed sign-in over the limit of three a minute gets 429, and so does the right password, until the minute ends', async () => {
    const attempt = (password: string) =>
      postForm(server.url, '/dashboard/sign-in', { username: 'apitest', password }, { 'x-forwarded-for': '203.0.113.7' });
    for (let i = 0; i < 3; i++) assert.equal((await attempt(`wrong-password-${i}`)).status, 401);
    assert.equal((await attempt('wrong-password-3')).status, 429);
    const limited = await attempt('sandbox-apitest');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('set-cookie'), null);
    assert.match(await limited.text(), /Te veel pogingen/);
    clock.advance(MINUTE);
    assert.equal((await attempt('sandbox-apitest')).status, 303);
  });

  test('a wrong password and an unknown username get the same answer', async () => {
    const unknown = await postForm(server.url, '/dashboard/sign-in', { username: 'nobody-here', password: 'whatever-password' }, { 'x-forwarded-for': '203.0.113.8' });
    const wrong = await postForm(server.url, '/dashboard/sign-in', { username: 'usertest', password: 'whatever-password' }, { 'x-forwarded-for': '203.0.113.8' });
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    const message = (html: string) => /<li>([^<]+)<\/li>/.exec(html)?.[1];
    assert.equal(message(await unknown.text()), message(await wrong.text()));
  });

  test('the session cookie is HttpOnly and SameSite=Lax, and Secure with the __Host- prefix behind TLS', async () => {
    const plain = await postForm(server.url, '/dashboard/sign-in', { username: 'usertest', password: 'sandbox-usertest' }, { 'x-forwarded-for': '203.0.113.9' });
    assert.match(plain.headers.get('set-cookie')!, /^achteraf-dashboard=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/dashboard; HttpOnly; SameSite=Lax$/);
    const tls = await postForm(
      server.url,
      '/dashboard/sign-in',
      { username: 'usertest', password: 'sandbox-usertest' },
      { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', origin: `https://${new URL(server.url).host}` },
    );
    assert.equal(tls.status, 303);
    assert.match(tls.headers.get('set-cookie')!, /^__Host-achteraf-dashboard=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  test('signing out ends the session on the server: the old cookie no longer opens a page', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    assert.equal((await postForm(server.url, '/dashboard/sign-out', { csrf: session.csrf }, { cookie: session.cookie })).status, 303);
    const after = await getPage(server.url, '/dashboard/invoices', session);
    assert.equal(after.status, 303);
  });

  test('a merchant cannot read or act on another merchant’s invoice by its URL', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    assert.equal((await getPage(server.url, `/dashboard/invoices/${apitestInvoice}`, session)).status, 404);
    const post = await postForm(server.url, `/dashboard/invoices/${apitestInvoice}/payment`, { amount: '1.00', csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(post.status, 404);
    const switched = await postForm(server.url, '/dashboard/merchant', { merchantId: 'm_apitest', csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(switched.status, 404);
    assert.equal((await getPage(server.url, `/dashboard/invoices/${apitestInvoice}`, session)).status, 404);
    const apitest = await signIn(server.url, 'apitest', 'sandbox-apitest');
    assert.match(await openAmount(apitest, apitestInvoice), /104,85/);
  });

  test('a control character in a search, an invoice number or a form is refused with 400, and books nothing', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    const before = await openAmount(session, usertestInvoice);
    for (const path of ['/dashboard/invoices?q=a%00b', '/dashboard/invoices/1TST%00', '/dashboard/invoices?q=%EF%BF%BF']) {
      const page = await getPage(server.url, path, session);
      assert.equal(page.status, 400, path);
      assert.match(page.html, /De invoer bevat een teken dat niet kan/);
    }
    const post = await postForm(
      server.url,
      `/dashboard/invoices/${usertestInvoice}/payment`,
      { amount: '1.00', description: 'a\u0000b', csrf: session.csrf },
      { cookie: session.cookie },
    );
    assert.equal(post.status, 400);
    assert.equal(await openAmount(session, usertestInvoice), before);
    // The server is still there.
    assert.equal((await getPage(server.url, '/dashboard/invoices', session)).status, 200);
  });

  test('the operator sees every merchant and switches between them', async () => {
    const session = await signIn(server.url, 'operator', 'operator-password-1');
    const first = await getPage(server.url, '/dashboard/invoices', session);
    assert.match(first.html, /Kies een webshop om te bekijken/);
    assert.match(first.html, /<option value="m_apitest">API Test Shop \(apitest\)<\/option>/);
    for (const [merchantId, invoice, other] of [
      ['m_apitest', apitestInvoice, usertestInvoice],
      ['m_usertest', usertestInvoice, apitestInvoice],
    ] as const) {
      assert.equal((await postForm(server.url, '/dashboard/merchant', { merchantId, csrf: session.csrf }, { cookie: session.cookie })).status, 303);
      const list = await getPage(server.url, '/dashboard/invoices', session);
      assert.ok(list.html.includes(`>${invoice}</a>`));
      assert.ok(!list.html.includes(`>${other}</a>`));
    }
  });
});
