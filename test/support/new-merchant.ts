/**
 * Creates a merchant of its own for a test through the partner API (POST
 * /v2/partner/merchant/create), sandbox or live, so tests that move a merchant's clock do not
 * share one with other tests. The server must run with PARTNER_API_KEY set to PARTNER_KEY. With a
 * password, it is set through the creation's one-time link, so the merchant can sign in to the
 * dashboard.
 */
import { randomBytes } from 'node:crypto';

export const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

export interface NewMerchant {
  username: string;
  clientId: string;
  code: string;
  /** The dashboard password, when one was asked for. */
  password?: string;
}

export async function createMerchant(
  baseUrl: string,
  options: { sandbox: boolean; password?: string; username?: string; companyName?: string },
): Promise<NewMerchant> {
  const username = options.username ?? `shop-${randomBytes(5).toString('hex')}`;
  const response = await fetch(`${baseUrl}/v2/partner/merchant/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
    body: JSON.stringify({
      billinkUsername: 'partner-one',
      billinkID: 4711,
      username,
      email: `${username}@example.com`,
      companyName: options.companyName ?? `Klok ${username} B.V.`,
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
  const body = (await response.json()) as { code?: string; uid: string; merchantCode: string; changePasswordLink: string };
  if (body.code !== '200') throw new Error(`could not create merchant: ${JSON.stringify(body)}`);
  const merchant: NewMerchant = { username, clientId: body.uid, code: body.merchantCode };
  if (options.password === undefined) return merchant;
  const token = body.changePasswordLink.split('/').pop();
  const set = await fetch(`${baseUrl}/v2/merchant/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: options.password }),
  });
  if (set.status !== 200) throw new Error(`could not set the password: ${set.status} ${await set.text()}`);
  return { ...merchant, password: options.password };
}
