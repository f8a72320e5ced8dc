/** Dashboard sessions, the password hashes sign-in checks, and the operator's merchant list. */
import type {
  DashboardSession,
  DashboardSessionRepository,
  MerchantListing,
  PasswordDirectory,
} from '../core/dashboard/dashboard-ports.js';
import type { Queryable } from './database.js';

interface SessionRow {
  token_hash: string;
  merchant_id: string | null;
  operator: string | null;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
}

export class SqlDashboardSessions implements DashboardSessionRepository {
  constructor(private readonly db: Queryable) {}

  async insert(session: DashboardSession): Promise<void> {
    await this.db.query(
      `INSERT INTO dashboard_sessions (token_hash, merchant_id, operator, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [session.tokenHash, session.merchantId ?? null, session.operator ?? null, session.csrfToken, session.createdAt, session.expiresAt],
    );
  }

  async find(tokenHash: string, now: Date): Promise<DashboardSession | undefined> {
    const [row] = await this.db.query<SessionRow>('SELECT * FROM dashboard_sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now]);
    return row && {
      tokenHash: row.token_hash,
      merchantId: row.merchant_id ?? undefined,
      operator: row.operator ?? undefined,
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async switchMerchant(tokenHash: string, merchantId: string): Promise<void> {
    await this.db.query('UPDATE dashboard_sessions SET merchant_id = $2 WHERE token_hash = $1 AND operator IS NOT NULL', [tokenHash, merchantId]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM dashboard_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async prune(now: Date): Promise<number> {
    const rows = await this.db.query('DELETE FROM dashboard_sessions WHERE expires_at <= $1 RETURNING 1', [now]);
    return rows.length;
  }
}

export class SqlPasswordDirectory implements PasswordDirectory {
  constructor(private readonly db: Queryable) {}

  async passwordHash(username: string): Promise<{ merchantId: string; hash: string } | undefined> {
    const [row] = await this.db.query<{ id: string; password_hash: string | null }>(
      'SELECT id, password_hash FROM merchants WHERE username = $1',
      [username],
    );
    return row?.password_hash ? { merchantId: row.id, hash: row.password_hash } : undefined;
  }
}

export class SqlMerchantListing implements MerchantListing {
  constructor(private readonly db: Queryable) {}

  async list(limit: number): Promise<{ id: string; username: string; name: string; mode: 'sandbox' | 'live' }[]> {
    return this.db.query('SELECT id, username, name, mode FROM merchants ORDER BY username LIMIT $1', [limit]);
  }
}
