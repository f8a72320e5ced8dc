/** The merchant's side of the deliveries: the log, newest first, and replays. */
import type { DeliveryState } from '../core/webhooks/delivery-state.js';
import type { WebhookKind } from '../core/webhooks/payloads.js';
import type { DeliveryLogRepository, DeliveryPage, LoggedAttempt, LoggedDelivery } from '../core/webhooks/webhook-ports.js';
import type { Database } from './database.js';
import { markDeliveriesQueued } from './webhook-commit-signal.js';
import { DELIVERY_CHANNEL } from './webhook-fan-out.js';

interface DeliveryRow {
  id: number;
  webhook_id: string;
  kind: WebhookKind;
  event: string;
  url: string;
  signed: boolean;
  state: DeliveryState;
  body: string;
  created_at: Date;
  next_attempt_at: Date | null;
  finished_at: Date | null;
  replay_of: number | null;
  attempts: AttemptJson[];
}

/** json_agg writes timestamps as ISO text. */
interface AttemptJson {
  number: number;
  started_at: string;
  http_status: number | null;
  latency_ms: number;
  response_body: string | null;
  error: string | null;
}

export class SqlWebhookLogRepository implements DeliveryLogRepository {
  constructor(private readonly db: Database) {}

  async page(merchantId: string, query: { offset: number; limit: number; state: DeliveryState | undefined }): Promise<DeliveryPage> {
    const state = query.state ?? null;
    const [count] = await this.db.query<{ total: number }>(
      "SELECT count(*)::int AS total FROM webhook_deliveries WHERE merchant_id = $1 AND contract = 'billink' AND ($2::text IS NULL OR state = $2)",
      [merchantId, state],
    );
    const rows = await this.db.query<DeliveryRow>(
      `SELECT d.id, d.webhook_id, d.kind, d.event, d.url, d.signed, d.state, d.body, d.created_at, d.next_attempt_at,
              d.finished_at, d.replay_of,
              (SELECT coalesce(json_agg(a ORDER BY a.number), '[]'::json)
                 FROM (SELECT number, started_at, http_status, latency_ms, response_body, error
                         FROM webhook_attempts WHERE delivery_id = d.id) a) AS attempts
       FROM webhook_deliveries d
       WHERE d.merchant_id = $1 AND d.contract = 'billink' AND ($2::text IS NULL OR d.state = $2)
       ORDER BY d.id DESC LIMIT $3 OFFSET $4`,
      [merchantId, state, query.limit, query.offset],
    );
    return { total: count?.total ?? 0, deliveries: rows.map(toLoggedDelivery) };
  }

  async replay(merchantId: string, deliveryId: string, at: Date): Promise<{ id: string; webhookId: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: number; webhook_id: string }>(
        `INSERT INTO webhook_deliveries
           (webhook_id, merchant_id, event_id, kind, event, url, signed, body, state, next_attempt_at, created_at, replay_of)
         SELECT d.webhook_id, d.merchant_id, d.event_id, d.kind, d.event, coalesce(s.url, d.url), coalesce(s.signed, d.signed),
                d.body, 'pending', now(), $3, d.id
         FROM webhook_deliveries d
         LEFT JOIN webhook_subscriptions s ON s.merchant_id = d.merchant_id AND s.contract = d.contract AND s.kind = d.kind
         WHERE d.id = $2 AND d.merchant_id = $1 AND d.contract = 'billink'
         RETURNING id, webhook_id`,
        [merchantId, deliveryId, at],
      );
      const row = rows[0];
      if (!row) return undefined;
      await tx.query(`SELECT pg_notify('${DELIVERY_CHANNEL}', '')`);
      markDeliveriesQueued(tx);
      return { id: String(row.id), webhookId: row.webhook_id };
    });
  }
}

function toLoggedDelivery(row: DeliveryRow): LoggedDelivery {
  return {
    id: String(row.id),
    webhookId: row.webhook_id,
    kind: row.kind,
    event: row.event,
    url: row.url,
    signed: row.signed,
    state: row.state,
    body: row.body,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at ?? undefined,
    finishedAt: row.finished_at ?? undefined,
    replayOf: row.replay_of === null ? undefined : String(row.replay_of),
    attempts: row.attempts.map(
      (attempt): LoggedAttempt => ({
        number: attempt.number,
        startedAt: new Date(attempt.started_at),
        httpStatus: attempt.http_status ?? undefined,
        latencyMs: attempt.latency_ms,
        responseBody: attempt.response_body ?? undefined,
        error: attempt.error ?? undefined,
      }),
    ),
  };
}
