import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, sessionBody, type Shop, startShop } from './checkout-fixtures.js';

type Rgb = [number, number, number];

// What the evaluate() callbacks use in the page; the project compiles without the DOM library.
interface PageElement {
  parentElement: PageElement | null;
  dataset: Record<string, string | undefined>;
  id: string;
  textContent: string | null;
  tagName: string;
  className: string;
}
declare const document: { activeElement: PageElement | null; documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare function getComputedStyle(element: PageElement): Record<'color' | 'backgroundColor' | 'outlineStyle' | 'outlineWidth' | 'fontSize', string>;

/** WCAG 2 contrast ratio of two sRGB colours. */
function contrast(a: Rgb, b: Rgb): number {
  const channel = (value: number) => {
    const v = value / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour of the first element matching `selector` and the background it is drawn on. */
async function colours(page: Page, selector: string): Promise<{ text: Rgb; background: Rgb }> {
  // No helper functions inside: the test's TypeScript transform would wrap them in a name helper
  // that does not exist in the page.
  const css = await page.locator(selector).first().evaluate((element) => {
    let background = 'rgb(255, 255, 255)';
    for (let node: PageElement | null = element as unknown as PageElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') {
        background = colour;
        break;
      }
    }
    return { text: getComputedStyle(element as unknown as PageElement).color, background };
  });
  const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as Rgb;
  return { text: rgb(css.text), background: rgb(css.background) };
}

/** What has the keyboard focus, and whether it shows a focus ring of at least 2px. */
async function focused(page: Page): Promise<{ name: string; ringVisible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement!;
    const style = getComputedStyle(element);
    const name = element.dataset.testid ?? (element.id || element.textContent?.trim() || element.tagName);
    return { name, ringVisible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
  });
}

describe('the checkout page for every customer', () => {
  let server: TestServer;
  let shop: Shop;
  before(async () => {
    server = await startTestServer();
    shop = await startShop();
  });
  after(async () => {
    await shop.close();
    await server.close();
  });

  test('works without JavaScript: errors are shown and linked to their fields, then the order goes through', async () => {
    const body = sessionBody(shop.url, (b) => delete b.customer.gender);
    const created = await createSession(server.url, body);
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      assert.equal(await page.locator('script').count(), 0);
      await page.getByTestId('approve').click();
      await page.waitForURL((url) => url.pathname.endsWith('/approve'));

      assert.match(await page.title(), /^Fout: Achteraf betalen – Test Webshop$/);
      // The page starts where things went wrong: the summary has the focus, its first link is next.
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Kies een aanhef.');
      const summary = page.getByRole('alert');
      assert.deepEqual(await summary.getByRole('link').allTextContents(), [
        'Kies een aanhef.',
        'Vul je geboortedatum in.',
        'Vul je telefoonnummer in.',
        'Ga akkoord met achteraf betalen om je bestelling te plaatsen.',
      ]);
      const birthDate = page.getByLabel('Geboortedatum');
      assert.equal(await birthDate.getAttribute('aria-invalid'), 'true');
      assert.equal(await birthDate.getAttribute('aria-describedby'), 'birthDate-hint birthDate-error');
      assert.equal(await page.locator('#birthDate-error').textContent(), 'Fout: Vul je geboortedatum in.');
      assert.equal(await page.getByRole('group', { name: 'Aanhef' }).getAttribute('aria-describedby'), 'sex-error');
      await screenshot(page, 'checkout', 'errors-without-javascript');

      await page.getByLabel('Mevr.').check();
      await birthDate.fill('31-12-1990');
      await page.getByLabel('Telefoonnummer').fill('+31 6 12345678');
      await page.getByLabel(/Ik ga akkoord/).check();
      await page.getByTestId('approve').click();
      await page.waitForURL((url) => url.pathname === '/billink/success');
      assert.equal(shop.visits.at(-1), body.client.returnURL.successURL.slice(shop.url.length));
    } finally {
      await browser.close();
    }
  });

  test('can be completed with the keyboard alone, in a logical focus order with a visible focus ring', async () => {
    const body = sessionBody(shop.url);
    const created = await createSession(server.url, body);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      const order: string[] = [];
      for (let i = 0; i < 9; i += 1) {
        await page.keyboard.press('Tab');
        const focus = await focused(page);
        order.push(focus.name);
        assert.ok(focus.ringVisible, `${focus.name} shows no focus ring`);
      }
      // The trust text's links (docs/checkout.md "Trust text") sit before the terms they inform.
      assert.deepEqual(order, ['English', 'birthDate', 'phone', 'Voorwaarden', 'Privacyverklaring', 'terms', 'approve', 'cancel', 'Terug naar Test Webshop om je bestelling te wijzigen']);

      await page.reload();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('31-12-1990');
      await page.keyboard.press('Tab');
      await page.keyboard.type('0612345678');
      // Past the terms and privacy links of the trust text, to the checkbox.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      assert.equal(await page.getByLabel(/Ik ga akkoord/).isChecked(), true);
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).name, 'approve');
      await screenshot(page, 'checkout', 'keyboard-focus-on-approve');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/billink/success');
    } finally {
      await browser.close();
    }
  });

  test('fits a phone screen without sideways scrolling and is approved with a tap', async () => {
    const body = sessionBody(shop.url, (b) => (b.client.options.logoURL = `${shop.url}/logo.svg`));
    const created = await createSession(server.url, body);
    const browser = await openBrowser({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      assert.equal(await page.locator('meta[name="viewport"]').getAttribute('content'), 'width=device-width, initial-scale=1');
      const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(layout.scrollWidth <= layout.width, `page is ${layout.scrollWidth}px wide on a ${layout.width}px screen`);
      const button = await page.getByTestId('approve').boundingBox();
      assert.ok(button && button.x >= 0 && button.x + button.width <= 360 && button.height >= 44, JSON.stringify(button));
      // Below 16px, phones zoom into a field when it gets focus.
      const fontSize = await page.getByLabel('Geboortedatum').evaluate((input) => parseFloat(getComputedStyle(input as unknown as PageElement).fontSize));
      assert.ok(fontSize >= 16, `input font size ${fontSize}px`);
      await screenshot(page, 'checkout', 'phone');

      await page.getByLabel('Geboortedatum').fill('31-12-1990');
      await page.getByLabel('Telefoonnummer').fill('0612345678');
      await page.getByLabel(/Ik ga akkoord/).tap();
      await page.getByTestId('approve').tap();
      await page.waitForURL((url) => url.pathname === '/billink/success');
    } finally {
      await browser.close();
    }
  });

  test('keeps every text at a contrast of at least 4.5:1, with dark text on the orange button', async () => {
    const pictured = await createSession(server.url, sessionBody(shop.url, (b) => (b.client.options.logoURL = `${shop.url}/logo.svg`)));
    const created = await createSession(server.url, sessionBody(shop.url, (b) => delete b.customer.gender));
    const browser = await openBrowser({ viewport: { width: 900, height: 900 } });
    try {
      const { page } = browser;
      // The picture in docs/checkout.md is taken from here.
      await page.goto(pictured.sessionURL);
      await screenshot(page, 'checkout', 'docs-checkout');
      await page.goto(created.sessionURL);
      await page.getByTestId('approve').click();
      await page.waitForURL((url) => url.pathname.endsWith('/approve'));
      const selectors = [
        'h1', '.intro', '.order-number', '.order td', 'tfoot .vat th', '.customer dd', '.hint', '.error', '.error-summary a',
        'legend', 'label[for="terms"]', '[data-testid="approve"]', '[data-testid="cancel"]', '.language a', '.valid-until',
        '.back a', '.shop-name',
      ];
      for (const selector of selectors) {
        const { text, background } = await colours(page, selector);
        const ratio = contrast(text, background);
        assert.ok(ratio >= 4.5, `${selector}: rgb(${text}) on rgb(${background}) is ${ratio.toFixed(2)}:1`);
      }
      const approve = await colours(page, '[data-testid="approve"]');
      assert.deepEqual(approve, { text: [22, 18, 13], background: [255, 141, 41] });
    } finally {
      await browser.close();
    }
  });
});
