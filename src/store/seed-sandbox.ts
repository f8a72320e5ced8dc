/**
 * The sandbox merchants every fresh installation has: the public test credentials that Billink
 * clients ship in their own test suites (spec §5), with workflows 1, 2 and 3 (spec §3). All three
 * accept private and business customers: Billink's sandbox approved a TYPE P check on workflow 2 of
 * usertest (recorded), and existing clients send exactly that.
 */
import type { Workflow } from '../core/merchants/merchant.js';
import type { Database } from './database.js';
import { insertMerchant } from './merchant-repository.js';
import { seedBillBlendEndpoints } from './seed-billblend.js';

export const SANDBOX_WORKFLOWS: Workflow[] = [
  { number: 1, name: 'Guaranteed, private and small business', guaranteed: true, maxAmount: 40_000, customerTypes: ['P', 'B'], paymentTermDays: 14 },
  { number: 2, name: 'Guaranteed, large orders', guaranteed: true, maxAmount: 250_000, customerTypes: ['P', 'B'], paymentTermDays: 14 },
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
  await seedBillBlendEndpoints(db);
}
