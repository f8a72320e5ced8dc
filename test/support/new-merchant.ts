/**
 * Creates a merchant of its own for a test through the partner API (POST
 * /v2/partner/merchant/create), sandbox or live, so tests that move a merchant's clock do not
 * share one with other tests. The server must run with PARTNER_API_KEY set to PARTNER_KEY.
 */
import { randomBytes } from 'node:crypto';

export const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

export interface NewMerchant {
  username: string;
  clientId: string;
  code: string;
}

export async function createMerchant(baseUrl: string, options: { sandbox: boolean }): Promise<NewMerchant> {
  const username = `shop-${randomBytes(5).toString('hex')}`;
  const response = await fetch(`${baseUrl}/v2/partner/merchant/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
    body: JSON.stringify({
      billinkUsername: 'partner-one',
      billinkID: 4711,
      username,
      email: `${username}@example.com`,
      companyName: `Klok ${username} B.V.`,
      firstName: 'Anna',
      lastName: 'de Vries',
      phone: '0201234567',
      contactEmail: 'finance@example.com',
      contactPhone: '0207654321',
      street: 'Keizersgracht',
      houseNumber: 100,
      postCode: '1015AA',
      city: 'Amsterdam',
      countryCode: 'NL',
      cocNumber: '12345678',
      vatNumber: 'NL123456789B01',
      bankAccountNumber: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      tnv: 'Klok',
      website: 'https://klok.example.com',
      clientPlatform: 'Magento 2',
      sandbox: options.sandbox,
    }),
  });
  const body = (await response.json()) as { code?: string; uid: string; merchantCode: string };
  if (body.code !== '200') throw new Error(`could not create merchant: ${JSON.stringify(body)}`);
  return { username, clientId: body.uid, code: body.merchantCode };
}
