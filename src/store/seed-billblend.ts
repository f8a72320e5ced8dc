/**
 * BillBlend endpoints of the sandbox merchants (docs/billblend.md, listed in the README). The
 * control keys are GUIDs because BillBlend derives the HMAC key by hex-decoding the control key
 * without its dashes (spec §6.2); they are public sandbox keys, like the Billink test credentials.
 */
import type { PspEndpoint } from '../core/sessions/psp-sale.js';
import type { Database } from './database.js';
import { insertPspEndpoint } from './psp-sale-repository.js';

export const SANDBOX_BILLBLEND_ENDPOINTS: readonly PspEndpoint[] = [
  { id: '1001', merchantId: 'm_usertest', workflowNumber: 1, controlKey: '5A4D1001-B11B-4E0D-A5E1-000000001001' },
  { id: '1002', merchantId: 'm_apitest', workflowNumber: 1, controlKey: '5A4D1002-B11B-4E0D-A5E1-000000001002' },
];

export async function seedBillBlendEndpoints(db: Database): Promise<void> {
  for (const endpoint of SANDBOX_BILLBLEND_ENDPOINTS) await insertPspEndpoint(db, endpoint);
}
