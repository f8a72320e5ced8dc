/**
 * The sandbox merchants every fresh installation has: the public test credentials that Billink
 * clients ship in their own test suites (spec §5), with workflows 1, 2 and 3 (spec §3). All three
 * accept private and business customers: Billink's sandbox approved a TYPE P check on workflow 2 of
 * usertest (recorded), and existing clients send exactly that. Inserted only when SANDBOX_SEED is
 * on (docs/security.md "Sandbox and live merchants").
 */
import type { Workflow } from '../core/merchants/merchant.js';
import type { Database, Queryable } from './database.js';
import { insertMerchant } from './merchant-repository.js';
import { insertBuckarooCredential } from './buckaroo-repository.js';
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

/** Usernames of the sandbox merchants in the database (seeded or partner-created), at most `limit`. */
export async function sandboxMerchantNames(db: Queryable, limit = 20): Promise<{ names: string[]; total: number }> {
  const rows = await db.query<{ username: string; total: number }>(
    `SELECT username, count(*) OVER ()::int AS total FROM merchants WHERE mode = 'sandbox' ORDER BY created_at, username LIMIT $1`,
    [limit],
  );
  return { names: rows.map((row) => row.username), total: rows[0]?.total ?? 0 };
}
/** Buckaroo-style website and secret keys of the same merchants (docs/buckaroo.md), listed in the README. */
export const SANDBOX_BUCKAROO_CREDENTIALS = [
  { merchantId: 'm_usertest', websiteKey: 'USERTEST01', secret: 'usertest-buckaroo-secret', pushUrl: undefined },
  { merchantId: 'm_apitest', websiteKey: 'APITEST001', secret: 'apitest-buckaroo-secret', pushUrl: undefined },
] as const;

/**
 * The dashboard passwords of the same merchants, `sandbox-<username>` (listed in the README), as
 * scrypt hashes in the format of the set-password flow. Hashed once when written here rather than
 * at every start: each hash costs about 100 ms of CPU, and the passwords are public anyway.
 */
export const SANDBOX_PASSWORD_HASHES: Readonly<Record<(typeof SANDBOX_MERCHANTS)[number]['id'], string>> = {
  m_usertest: 'scrypt$32768$8$1$4X-XuXOVGdYxo2CvnjuM-g$suEu0Ylh6kYlIkMqVJ5sdpk6q4OgmgMsKIPYmM1M8jY',
  m_apitest: 'scrypt$32768$8$1$sL-Ow-kEcQwHX2KImHf3OQ$6KVsP-5kR2S8fO14mgYoU3UKiHowNhorhMHTxUrx7Vw',
};

export async function seedSandbox(db: Database): Promise<void> {
  for (const merchant of SANDBOX_MERCHANTS) {
    await db.transaction(async (tx) => {
      await insertMerchant(tx, { ...merchant, mode: 'sandbox', workflows: SANDBOX_WORKFLOWS });
      // A password the merchant set itself stays.
      await tx.query('UPDATE merchants SET password_hash = $2 WHERE id = $1 AND password_hash IS NULL', [merchant.id, SANDBOX_PASSWORD_HASHES[merchant.id]]);
    });
  }
  // The seeding date is bookkeeping only, never a business time (house rule 3 is about the core).
  for (const credential of SANDBOX_BUCKAROO_CREDENTIALS) await insertBuckarooCredential(db, credential, new Date());
  await seedBillBlendEndpoints(db);
}

/** The published sandbox credentials that exist in this database (none when they were never seeded). */
export async function seededSandboxCredentials(db: Database): Promise<{ username: string; clientId: string }[]> {
  const rows = await db.query<{ username: string; client_id: string }>(
    'SELECT username, client_id FROM merchants WHERE id = ANY($1) ORDER BY username DESC',
    [SANDBOX_MERCHANTS.map((merchant) => merchant.id)],
  );
  return rows.map((row) => ({ username: row.username, clientId: row.client_id }));
}
