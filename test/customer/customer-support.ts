/**
 * Shared steps of the customer-side tests: a sandbox merchant registered by a partner (so its
 * profile has an address, KvK and VAT number), orders placed and started through the legacy API,
 * and customer e-mails queued through the life cycle's own repository.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import jsQRModule from 'jsqr';
import type { LifeCycleMail } from '../../src/core/invoices/life-cycle/types.js';
import { SqlCustomerMailRepository } from '../../src/store/customer-mail-repository.js';
import { type Fields, type Item, Legacy } from '../support/legacy-client.js';
import type { TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

/** jsqr is CommonJS with a default export; under Node's ESM loader it arrives wrapped once more. */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof import('jsqr').default;

export const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

let sequence = 0;

export interface ShopUnderTest {
  merchantId: string;
  legacy: Legacy;
}

/** A sandbox merchant created at partner create (spec §2.15) with a Dutch or Belgian profile. */
export async function createShop(server: TestServer, country: 'NL' | 'BE' = 'NL', options: { sandbox?: boolean } = {}): Promise<ShopUnderTest> {
  sequence += 1;
  const belgian = country === 'BE';
  const answer = await postJson(
    server.url,
    '/v2/partner/merchant/create',
    {
      billinkUsername: 'partner-one', billinkID: 4711, username: `klantzijde-${sequence}-${Date.now().toString(36)}`,
      email: `owner-${sequence}@example.com`, companyName: belgian ? 'Gentse Boekhandel BV' : 'Acmé Webwinkel B.V.',
      firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com', contactPhone: '0207654321',
      street: belgian ? 'Veldstraat' : 'Keizersgracht', houseNumber: 100, houseExtension: 'A', postCode: belgian ? '9000' : '1015AA',
      city: belgian ? 'Gent' : 'Amsterdam', countryCode: country, cocNumber: belgian ? '0123.456.749' : '12345678',
      vatNumber: belgian ? 'BE0123456749' : 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Acme Webwinkel',
      sandbox: options.sandbox ?? true, changePasswordLink: false,
    },
    { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
  );
  if (answer.body.code !== '200' && answer.body.status !== 'success') throw new Error(`merchant create failed: ${JSON.stringify(answer.body)}`);
  const body = answer.body as { username: string; uid: string; merchantCode: string };
  const rows = await server.store.db.query<{ id: string }>('SELECT id FROM merchants WHERE username = $1', [body.username]);
  return { merchantId: rows[0]!.id, legacy: new Legacy(server.url, { username: body.username, clientId: body.uid, code: body.merchantCode }) };
}

export interface PlacedInvoice {
  id: string;
  orderNumber: string;
  invoiceNumber: string;
}

/** Check, order and start workflow for a fresh customer. */
export async function placeStartedOrder(server: TestServer, shop: ShopUnderTest, options: { fields?: Fields; items?: Item[] } = {}): Promise<PlacedInvoice> {
  const { orderNumber, invoice } = await shop.legacy.placeOrder(options);
  const started = await shop.legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: invoice }] });
  if (started.code !== '500' || !started.text.includes('<MESSAGE>Success</MESSAGE>')) throw new Error(`start workflow failed: ${started.text}`);
  const rows = await server.store.db.query<{ id: string | number }>('SELECT id FROM invoices WHERE invoice_number = $1', [invoice]);
  return { id: String(rows[0]!.id), orderNumber, invoiceNumber: invoice };
}

/** Queues a customer e-mail as a life-cycle step does. */
export async function queueMail(server: TestServer, shop: ShopUnderTest, invoice: PlacedInvoice, mail: LifeCycleMail, recipient = 'klant@example.com', at = new Date('2026-11-24T09:00:00Z')): Promise<void> {
  await new SqlCustomerMailRepository(server.store.db).enqueue({ merchantId: shop.merchantId, invoiceId: invoice.id, recipient, mail, at });
}

/** Every QR code drawn as an image in the PDF, decoded as a banking app would read it. */
export async function qrCodesIn(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const found: string[] = [];
  try {
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const operators = await page.getOperatorList();
      for (let i = 0; i < operators.fnArray.length; i += 1) {
        if (operators.fnArray[i] !== OPS.paintImageXObject) continue;
        const name = (operators.argsArray[i] as [string])[0];
        const image = await new Promise<{ width: number; height: number; kind: number; data: Uint8ClampedArray }>((resolve) => page.objs.get(name, resolve));
        const rgba = image.kind === 3 ? image.data : toRgba(image.data, image.width * image.height);
        const code = jsQR(new Uint8ClampedArray(rgba), image.width, image.height);
        if (code) found.push(code.data);
      }
    }
  } finally {
    await document.destroy();
  }
  return found;
}

function toRgba(rgb: Uint8ClampedArray, pixels: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p += 1) {
    rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}
