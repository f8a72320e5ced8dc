/**
 * The sandbox merchants every fresh installation has: the public test credentials that Billink
 * clients ship in their own test suites (spec §5), with workflows 1, 2 and 3 (spec §3).
 */
import type { Workflow } from '../core/merchants/merchant.js';
import type { Database } from './database.js';
import { insertMerchant } from './merchant-repository.js';

export const SANDBOX_WORKFLOWS: Workflow[] = [
  { number: 1, name: 'Guaranteed, private and small business', guaranteed: true, maxAmount: 40_000, customerTypes: ['P', 'B'], paymentTermDays: 14 },
  { number: 2, name: 'Guaranteed, business', guaranteed: true, maxAmount: 250_000, customerTypes: ['B'], paymentTermDays: 14 },
  { number: 3, name: 'No guarantee', guaranteed: false, maxAmount: null, customerTypes: ['P', 'B'], paymentTermDays: 14 },
];

export const SANDBOX_MERCHANTS = [
  { id: 'm_usertest', username: 'usertest', clientId: 'd38a3439590889df026367bf01d621e687b8d278', code: 'TST', name: 'Test Webshop', email: 'usertest@sandbox.achteraf.test' },
  { id: 'm_apitest', username: 'apitest', clientId: 'd108a0f1bc5bc4618f150fa95cd6dc537bd774f0', code: 'API', name: 'API Test Shop', email: 'apitest@sandbox.achteraf.test' },
] as const;

export async function seedSandbox(db: Database): Promise<void> {
  for (const merchant of SANDBOX_MERCHANTS) {
    await db.transaction((tx) => insertMerchant(tx, { ...merchant, sandbox: true, workflows: SANDBOX_WORKFLOWS }));
  }
}

/** The published sandbox credentials that exist in this database (none when they were never seeded). */
export async function seededSandboxCredentials(db: Database): Promise<{ username: string; clientId: string }[]> {
  const rows = await db.query<{ username: string; client_id: string }>(
    'SELECT username, client_id FROM merchants WHERE id = ANY($1) ORDER BY username DESC',
    [SANDBOX_MERCHANTS.map((merchant) => merchant.id)],
  );
  return rows.map((row) => ({ username: row.username, clientId: row.client_id }));
}
