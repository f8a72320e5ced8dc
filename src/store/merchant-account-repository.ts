/** Registering merchants (spec §2.15), their webshop settings (spec §2.14) and password links. */
import type { WebshopSettings } from '../core/merchants/webshop-settings.js';
import type { MerchantAccountRepository, NewMerchantAccount, PasswordLink } from '../core/ports.js';
import type { Queryable } from './database.js';
import type { Workflow } from '../core/merchants/merchant.js';
import { insertMerchant, toWorkflow, type WorkflowRow } from './merchant-repository.js';

/** Advisory lock key of merchant registration; other keys live in migrate.ts and invoice-repository.ts. */
const REGISTRATION_LOCK = 7_381_003;

interface SettingsRow {
  minimum_paid_orders: number;
  period_days: number;
  total_amount_higher_than: number;
  whitelist: string[];
}

interface PasswordLinkRow {
  token: string;
  merchant_id: string;
  expires_at: Date;
  used_at: Date | null;
}

export class SqlMerchantAccountRepository implements MerchantAccountRepository {
  constructor(private readonly db: Queryable) {}

  async lockRegistrations(): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_LOCK]);
  }

  async usernameTaken(username: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM merchants WHERE username = $1', [username])).length > 0;
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM merchants WHERE code = $1', [code])).length > 0;
  }

  async insert(account: NewMerchantAccount): Promise<void> {
    const { merchant, settings, profile, createdAt, passwordLink } = account;
    const inserted = await insertMerchant(this.db, { ...merchant, workflows: [...merchant.workflows] });
    if (!inserted) throw new Error(`merchant ${merchant.username} or code ${merchant.code} exists already`);
    await this.db.query(
      `INSERT INTO merchant_settings (merchant_id, minimum_paid_orders, period_days, total_amount_higher_than, whitelist, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [merchant.id, settings.minimumPaidOrders, settings.periodDays, settings.totalAmountHigherThan, JSON.stringify(settings.whitelist), createdAt],
    );
    await this.db.query('INSERT INTO merchant_profiles (merchant_id, profile, created_at) VALUES ($1, $2, $3)', [
      merchant.id,
      JSON.stringify(profile),
      createdAt,
    ]);
    if (passwordLink) {
      await this.db.query('INSERT INTO merchant_password_links (token, merchant_id, expires_at) VALUES ($1, $2, $3)', [
        passwordLink.token,
        merchant.id,
        passwordLink.expiresAt,
      ]);
    }
  }

  async settings(merchantId: string): Promise<WebshopSettings | undefined> {
    const rows = await this.db.query<SettingsRow>(
      'SELECT minimum_paid_orders, period_days, total_amount_higher_than, whitelist FROM merchant_settings WHERE merchant_id = $1',
      [merchantId],
    );
    const row = rows[0];
    return (
      row && {
        minimumPaidOrders: row.minimum_paid_orders,
        periodDays: row.period_days,
        totalAmountHigherThan: row.total_amount_higher_than,
        whitelist: row.whitelist,
      }
    );
  }

  async returnUrlDomains(merchantId: string): Promise<readonly string[]> {
    const rows = await this.db.query<{ domains: string[] }>('SELECT domains FROM checkout_return_domains WHERE merchant_id = $1', [merchantId]);
    return rows[0]?.domains ?? [];
  }

  async saveReturnUrlDomains(merchantId: string, domains: readonly string[], at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO checkout_return_domains (merchant_id, domains, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (merchant_id) DO UPDATE SET domains = EXCLUDED.domains, updated_at = EXCLUDED.updated_at`,
      [merchantId, JSON.stringify(domains), at],
    );
  }

  async findWorkflowForUpdate(merchantId: string, number: number): Promise<Workflow | undefined> {
    const rows = await this.db.query<WorkflowRow>(
      `SELECT number, name, guaranteed, max_amount, customer_types, payment_term_days, course
       FROM workflows WHERE merchant_id = $1 AND number = $2 FOR UPDATE`,
      [merchantId, number],
    );
    return rows[0] && toWorkflow(rows[0]);
  }

  async saveWorkflow(merchantId: string, workflow: Workflow): Promise<void> {
    await this.db.query(
      `UPDATE workflows SET name = $3, guaranteed = $4, max_amount = $5, customer_types = $6, payment_term_days = $7, course = $8
       WHERE merchant_id = $1 AND number = $2`,
      [
        merchantId,
        workflow.number,
        workflow.name,
        workflow.guaranteed,
        workflow.maxAmount,
        workflow.customerTypes.join(','),
        workflow.paymentTermDays,
        JSON.stringify(workflow.course ?? {}),
      ],
    );
  }

  async findPasswordLink(token: string): Promise<PasswordLink | undefined> {
    return passwordLink(await this.db.query<PasswordLinkRow>('SELECT * FROM merchant_password_links WHERE token = $1', [token]));
  }

  async findPasswordLinkForUpdate(token: string): Promise<PasswordLink | undefined> {
    return passwordLink(await this.db.query<PasswordLinkRow>('SELECT * FROM merchant_password_links WHERE token = $1 FOR UPDATE', [token]));
  }

  async setPassword(link: PasswordLink, passwordHash: string, at: Date): Promise<void> {
    await this.db.query('UPDATE merchants SET password_hash = $2 WHERE id = $1', [link.merchantId, passwordHash]);
    await this.db.query('UPDATE merchant_password_links SET used_at = $2 WHERE token = $1', [link.token, at]);
  }

  async saveClientId(merchantId: string, clientId: string): Promise<void> {
    await this.db.query('UPDATE merchants SET client_id = $2 WHERE id = $1', [merchantId, clientId]);
  }
}

function passwordLink(rows: PasswordLinkRow[]): PasswordLink | undefined {
  const row = rows[0];
  return row && { token: row.token, merchantId: row.merchant_id, expiresAt: row.expires_at, usedAt: row.used_at ?? undefined };
}
