import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSandbox, type SandboxInput } from './render-sandbox.js';
import { TEXTS } from './page-text.js';
import { TOOL_TEXTS } from './sandbox-text.js';

const DAY = 86_400_000;
const realNow = new Date('2026-03-02T09:00:00Z');

function input(language: 'nl' | 'en', overrides: Partial<SandboxInput> = {}): SandboxInput {
  const offsetMs = 14 * DAY + 5 * 3_600_000 + 30 * 60_000;
  return {
    text: TEXTS[language],
    words: TOOL_TEXTS[language],
    prefix: '',
    viewer: { merchantName: 'Test Webshop', operator: undefined, username: 'usertest', csrfToken: 'token<&>', merchants: [], merchantId: 'm', sandbox: true },
    clock: { now: new Date(realNow.getTime() + offsetMs), realNow, offsetMs },
    problems: [],
    advance: undefined,
    reset: false,
    given: { amount: '', unit: 'days', to: '' },
    ...overrides,
  };
}

test('the offset reads as days, hours and minutes, and zero as real time', () => {
  assert.match(renderSandbox(input('nl')), /data-testid="clock-offset">14 dagen, 5 uur en 30 minuten</);
  assert.match(renderSandbox(input('en')), /data-testid="clock-offset">14 days, 5 hours and 30 minutes</);
  const real = input('en', { clock: { now: realNow, realNow, offsetMs: 0 } });
  assert.match(renderSandbox(real), /data-testid="clock-offset">nothing \(real time\)</);
});

test('an advance’s report lists the steps applied per step name, sorted, with the e-mails and webhooks', () => {
  const advance = {
    from: realNow,
    now: new Date(realNow.getTime() + 20 * DAY),
    realNow,
    offsetMs: 20 * DAY,
    steps: { reminder2: 1, 'reminder1 <b>': 3 },
    emails: 4,
    webhooks: 2,
  };
  const html = renderSandbox(input('en', { clock: advance, advance }));
  assert.match(html, /<ul data-testid="advance-steps"><li><code>reminder1 &#60;b&#62;<\/code>: 3<\/li><li><code>reminder2<\/code>: 1<\/li><\/ul>/);
  assert.match(html, /data-testid="advance-emails">4</);
  assert.match(html, /data-testid="advance-webhooks">2</);
  assert.ok(!html.includes('No step fell due'));
});

test('a refused form keeps what was typed, escaped', () => {
  const html = renderSandbox(input('nl', { problems: ['Geef een heel getal groter dan nul.'], given: { amount: '"3', unit: 'hours', to: '2026-01-01T10:00' } }));
  assert.match(html, /role="alert"/);
  assert.match(html, /name="amount"[^>]*value="&#34;3"/);
  assert.match(html, /<option value="hours" selected>/);
  assert.match(html, /name="to"[^>]*value="2026-01-01T10:00"/);
  assert.match(html, /name="csrf" value="token&#60;&#38;&#62;"/);
});
