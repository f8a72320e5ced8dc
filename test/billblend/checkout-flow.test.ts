import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startSale } from './dapi-client.js';

describe('a BillBlend DAPI sale through the checkout page in Chromium', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('the app opens redirectUrl, the customer confirms birth date and phone, and the sale becomes APPROVED', async () => {
    const sale = await startSale(server.url);
    const redirect = await sale.status();
    assert.equal(redirect.body.state, 'REDIRECT_REQUEST');
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(redirect.body.redirectUrl);
      assert.equal(await page.getByTestId('total').textContent(), '€\u00a0104,85');
      await page.getByLabel('Geboortedatum').fill('31-12-1990');
      await page.getByLabel('Telefoonnummer').fill('06 12345678');
      await page.getByLabel(/Ik ga akkoord met achteraf betalen/).check();
      await page.getByTestId('approve').click();
      await page.waitForURL((url) => url.pathname === '/checkout/dapi/v1/finished');
      assert.equal(await page.getByTestId('finished').getAttribute('data-result'), 'success');
      assert.match((await page.getByTestId('back-to-app').textContent()) ?? '', /teruggaan naar de app/);
      await screenshot(page, 'billblend', 'finished');
    } finally {
      await browser.close();
    }
    const approved = await sale.status();
    assert.equal(approved.body.state, 'APPROVED');
    assert.equal(approved.body.orderId, `1TST${sale.invoiceId}`);
    assert.equal(approved.body.transaction.amountCentis, 10485);
  });

  test('a customer who cancels on the page ends the sale DECLINED', async () => {
    const sale = await startSale(server.url);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto((await sale.status()).body.redirectUrl);
      await page.getByTestId('cancel').click();
      await page.waitForURL((url) => url.pathname === '/checkout/dapi/v1/finished');
      assert.equal(await page.getByTestId('finished').getAttribute('data-result'), 'cancel');
    } finally {
      await browser.close();
    }
    const declined = await sale.status();
    assert.equal(declined.body.state, 'DECLINED');
    assert.equal(declined.body.errorCode, 2);
  });
});
