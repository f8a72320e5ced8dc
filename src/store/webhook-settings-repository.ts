/** Each merchant's webhook URLs and v3 signing secret. */
import type { WebhookKind } from '../core/webhooks/payloads.js';
import type { Subscription, WebhookSettingsRepository } from '../core/webhooks/webhook-ports.js';
import type { Queryable } from './database.js';

export class SqlWebhookSettingsRepository implements WebhookSettingsRepository {
  constructor(private readonly db: Queryable) {}

  async secret(merchantId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ secret: string }>('SELECT secret FROM webhook_secrets WHERE merchant_id = $1', [merchantId]);
    return rows[0]?.secret;
  }

  async saveSecret(merchantId: string, secret: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_secrets (merchant_id, secret, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (merchant_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = EXCLUDED.created_at`,
      [merchantId, secret, at],
    );
  }

  async subscribe(subscription: Subscription): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_subscriptions (merchant_id, kind, url, signed, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id, kind) DO UPDATE SET url = EXCLUDED.url, signed = EXCLUDED.signed, updated_at = EXCLUDED.updated_at`,
      [subscription.merchantId, subscription.kind, subscription.url, subscription.signed, subscription.at],
    );
  }

  async unsubscribe(merchantId: string, kind: WebhookKind): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM webhook_subscriptions WHERE merchant_id = $1 AND kind = $2 RETURNING kind', [merchantId, kind]);
    return rows.length > 0;
  }
}
