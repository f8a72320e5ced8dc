import type { PspSaleRepository } from '../core/ports.js';
import type { EndpointCallback } from '../core/psp/notification-urls.js';
import type { PspEndpoint, PspSale } from '../core/sessions/psp-sale.js';
import type { Queryable } from './database.js';

interface EndpointRow {
  id: string;
  merchant_id: string;
  workflow_number: number;
  control_key: string;
}

interface SaleRow {
  endpoint_id: string;
  reference: string;
  token: string;
  access_token_digest: string;
  nonce: string;
  session_id: string;
  created_at: Date;
}

export class SqlPspSaleRepository implements PspSaleRepository {
  constructor(private readonly db: Queryable) {}

  async findEndpoint(endpointId: string): Promise<PspEndpoint | undefined> {
    const rows = await this.db.query<EndpointRow>(
      'SELECT id, merchant_id, workflow_number, control_key FROM psp_endpoints WHERE id = $1',
      [endpointId],
    );
    return rows[0] && endpointOf(rows[0]);
  }

  async endpointsOf(merchantId: string): Promise<PspEndpoint[]> {
    const rows = await this.db.query<EndpointRow>('SELECT id, merchant_id, workflow_number, control_key FROM psp_endpoints WHERE merchant_id = $1 ORDER BY id', [merchantId]);
    return rows.map(endpointOf);
  }

  async replaceControlKey(merchantId: string, endpointId: string, controlKey: string): Promise<PspEndpoint | undefined> {
    // One statement: the sale start reads the key by id, so it sees the old key or the new, never neither.
    const rows = await this.db.query<EndpointRow>(
      'UPDATE psp_endpoints SET control_key = $3 WHERE id = $2 AND merchant_id = $1 RETURNING id, merchant_id, workflow_number, control_key',
      [merchantId, endpointId, controlKey],
    );
    return rows[0] && endpointOf(rows[0]);
  }

  async find(endpointId: string, reference: string): Promise<PspSale | undefined> {
    const rows = await this.db.query<SaleRow>('SELECT * FROM psp_sales WHERE endpoint_id = $1 AND reference = $2', [endpointId, reference]);
    const row = rows[0];
    return row && {
      endpointId: row.endpoint_id,
      reference: row.reference,
      token: row.token,
      accessTokenDigest: row.access_token_digest,
      nonce: row.nonce,
      sessionId: row.session_id,
      createdAt: row.created_at,
    };
  }

  async insert(sale: PspSale): Promise<'duplicate' | undefined> {
    const rows = await this.db.query(
      `INSERT INTO psp_sales (endpoint_id, reference, token, access_token_digest, nonce, session_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (endpoint_id, reference) DO NOTHING RETURNING reference`,
      [sale.endpointId, sale.reference, sale.token, sale.accessTokenDigest, sale.nonce, sale.sessionId, sale.createdAt],
    );
    return rows.length === 0 ? 'duplicate' : undefined;
  }

  async sessionBusy(sessionId: string): Promise<boolean> {
    // A row an approval locked FOR UPDATE is skipped; an unlocked one is share-locked for this statement only.
    const rows = await this.db.query('SELECT id FROM checkout_sessions WHERE id = $1 FOR SHARE SKIP LOCKED', [sessionId]);
    return rows.length === 0;
  }

  async callbackUrlsOf(merchantId: string): Promise<EndpointCallback[]> {
    const rows = await this.db.query<{ id: string; workflow_number: number; callback_url: string | null }>(
      'SELECT id, workflow_number, callback_url FROM psp_endpoints WHERE merchant_id = $1 ORDER BY id',
      [merchantId],
    );
    return rows.map((row) => ({ endpointId: row.id, workflowNumber: row.workflow_number, callbackUrl: row.callback_url }));
  }

  async setCallbackUrl(merchantId: string, endpointId: string, url: string | null): Promise<boolean> {
    const rows = await this.db.query('UPDATE psp_endpoints SET callback_url = $3 WHERE id = $2 AND merchant_id = $1 RETURNING id', [merchantId, endpointId, url]);
    return rows.length === 1;
  }
}

function endpointOf(row: EndpointRow): PspEndpoint {
  return { id: row.id, merchantId: row.merchant_id, workflowNumber: row.workflow_number, controlKey: row.control_key };
}

/** Adds a BillBlend endpoint unless its id exists (the sandbox seed, docs/billblend.md). */
export async function insertPspEndpoint(db: Queryable, endpoint: PspEndpoint): Promise<void> {
  await db.query(
    `INSERT INTO psp_endpoints (id, merchant_id, workflow_number, control_key, created_at)
     VALUES ($1, $2, $3, $4, now()) ON CONFLICT (id) DO NOTHING`,
    [endpoint.id, endpoint.merchantId, endpoint.workflowNumber, endpoint.controlKey],
  );
}
