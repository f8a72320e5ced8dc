import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type NotificationUrlInput, renderCallbackUrls, renderPushUrl } from './render-notification-urls.js';
import { TEXTS } from './page-text.js';
import { TOOL_TEXTS } from './sandbox-text.js';

function input(overrides: Partial<NotificationUrlInput> = {}): NotificationUrlInput {
  return {
    text: TEXTS.en,
    words: TOOL_TEXTS.en,
    prefix: '/shop',
    viewer: { merchantName: 'Test Webshop', operator: undefined, username: 'usertest', csrfToken: 'token', merchants: [], merchantId: 'm', sandbox: false },
    pushUrl: null,
    callbacks: [
      { endpointId: '7001', workflowNumber: 1, callbackUrl: 'https://shop.example/a?x=1&y="2"' },
      { endpointId: '7002', workflowNumber: 2, callbackUrl: null },
    ],
    typed: undefined,
    ...overrides,
  };
}

test('without a Buckaroo pair the push URL has no form, only the advice to make keys first', () => {
  const html = renderPushUrl(input({ pushUrl: undefined }));
  assert.doesNotMatch(html, /<form/);
  assert.match(html, /make keys first/);
});

test('a stored URL is escaped in its field and beside it, and only a stored URL offers Remove', () => {
  const html = renderCallbackUrls(input());
  assert.match(html, /value="https:\/\/shop\.example\/a\?x=1&#38;y=&#34;2&#34;"/);
  assert.match(html, /data-testid="callback-7001-stored"><code>https:\/\/shop\.example\/a\?x=1&#38;y=&#34;2&#34;<\/code>/);
  const forms = html.split('</form>');
  assert.match(forms[0]!, /name="remove" value="yes"/);
  assert.doesNotMatch(forms[1]!, /name="remove"/);
  assert.match(forms[1]!, /data-testid="callback-7002-stored">none</);
  assert.match(html, /action="\/shop\/dashboard\/keys\/callback-url"/);
});

test('what a refused form had typed is shown in that form only, marked invalid, with the stored URL beside it', () => {
  const html = renderCallbackUrls(input({ typed: { form: 'callback', endpointId: '7002', url: 'http://10.0.0.7/' } }));
  const [first, second] = html.split('</form>');
  assert.doesNotMatch(first!, /aria-invalid/);
  assert.match(second!, /value="http:\/\/10\.0\.0\.7\/" [^>]*aria-invalid="true"/);
  assert.match(second!, /data-testid="callback-7002-stored">none</);
  const push = renderPushUrl(input({ pushUrl: 'https://shop.example/push', typed: { form: 'callback', endpointId: '7002', url: 'x' } }));
  assert.match(push, /value="https:\/\/shop\.example\/push"/);
  assert.doesNotMatch(push, /aria-invalid/);
});

test('no endpoints, no callback section', () => {
  assert.equal(renderCallbackUrls(input({ callbacks: [] })), '');
});
