/**
 * The delivery job's side of the outbox. Claims are atomic and skip rows other workers hold, so
 * any number of jobs can share one PostgreSQL database; a claim is a lease that runs out, so a
 * crashed job's deliveries are taken over. Results are written only while the claim still holds.
 */
import type { AttemptOutcome, NextStep } from '../core/webhooks/delivery-state.js';
import { failureMail } from '../core/webhooks/failure-mail.js';
import type { WebhookKind } from '../core/webhooks/payloads.js';
import type { Database, Queryable } from './database.js';
import { insertMail } from './mail-outbox-repository.js';

export interface ClaimedDelivery {
  id: string;
  /** Whose signer signs it (core/webhooks/notifications.ts). */
  contract: string;
  webhookId: string;
  merchantId: string;
  /** `order` or `session` (Billink), `push` (Buckaroo), `callback` (BillBlend). */
  kind: WebhookKind | 'push' | 'callback';
  event: string;
  url: string;
  /** The merchant's current secret when the delivery is signed (webhook v3). */
  secret: string | undefined;
  signed: boolean;
  body: string;
  /** Attempts recorded before this claim. */
  attempts: number;
  claimToken: string;
}

export interface DeliveryResult {
  delivery: ClaimedDelivery;
  outcome: AttemptOutcome;
  next: NextStep;
}

interface ClaimRow {
  id: number;
  contract: string;
  webhook_id: string;
  merchant_id: string;
  kind: WebhookKind | 'push' | 'callback';
  event: string;
  url: string;
  signed: boolean;
  body: string;
  attempts: number;
  secret: string | null;
}

export class SqlWebhookDeliveryRepository {
  constructor(private readonly db: Database) {}

  async claim(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return claimDue(this.db, options);
  }

  /**
   * Claims, under the same lease, one merchant's pending deliveries that have had no attempt yet,
   * due or not (a sandbox clock advance makes their first attempt at once). Rows the delivery job
   * or another node holds are skipped.
   */
  async claimFirstAttempts(options: { merchantId: string; now: Date; lockedUntil: Date; limit: number; token: string }): Promise<ClaimedDelivery[]> {
    const rows = await this.db.query<ClaimRow>(
      `UPDATE webhook_deliveries d SET locked_until = $2, claim_token = $3
       WHERE d.id IN (
         SELECT id FROM webhook_deliveries
         WHERE merchant_id = $5 AND state = 'pending' AND attempts = 0 AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY id
         LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       RETURNING ${CLAIMED_COLUMNS}`,
      [options.now, options.lockedUntil, options.token, options.limit, options.merchantId],
    );
    return rows.map((row) => toClaimed(row, options.token));
  }

  /** How many of the merchant's first attempts another claim holds right now. */
  async firstAttemptsHeld(merchantId: string, now: Date): Promise<number> {
    const rows = await this.db.query<{ held: number }>(
      `SELECT count(*)::int AS held FROM webhook_deliveries
       WHERE merchant_id = $1 AND state = 'pending' AND attempts = 0 AND locked_until > $2`,
      [merchantId, now],
    );
    return rows[0]?.held ?? 0;
  }

  /**
   * Records a batch of attempts in one transaction. A result whose claim was lost (the lease ran
   * out and another job took the delivery) changes nothing. Deliveries that end `failed` queue
   * the merchant's e-mail in the same transaction. Returns how many results were applied.
   */
  async complete(results: readonly DeliveryResult[]): Promise<number> {
    if (results.length === 0) return 0;
    return this.db.transaction((tx) => recordResults(tx, results));
  }

  /**
   * Records a batch of attempts as complete() does and claims the next due deliveries as claim()
   * does, in one transaction: on the embedded database every transaction is a turn on its one
   * connection, so a result batch and the claim after it cost one turn instead of two. Either both
   * happen or neither (the results' claims then run out and they are sent again, as when complete()
   * fails). The results are written first, so a retry they schedule for later is not claimed now.
   */
  async completeAndClaim(results: readonly DeliveryResult[], claim: ClaimOptions): Promise<{ applied: number; claimed: ClaimedDelivery[] }> {
    return this.db.transaction(async (tx) => {
      const applied = results.length === 0 ? 0 : await recordResults(tx, results);
      return { applied, claimed: await claimDue(tx, claim) };
    });
  }
}

export interface ClaimOptions {
  now: Date;
  lockedUntil: Date;
  limit: number;
  token: string;
}

async function claimDue(db: Queryable, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const rows = await db.query<ClaimRow>(
    `UPDATE webhook_deliveries d SET locked_until = $2, claim_token = $3
     WHERE d.id IN (
       SELECT id FROM webhook_deliveries
       WHERE state = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
       ORDER BY next_attempt_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED
     )
     RETURNING ${CLAIMED_COLUMNS}`,
    [options.now, options.lockedUntil, options.token, options.limit],
  );
  return rows.map((row) => toClaimed(row, options.token));
}

/** A result whose claim was lost changes nothing; failures for good queue the merchant's e-mail. */
async function recordResults(tx: Queryable, results: readonly DeliveryResult[]): Promise<number> {
  const applied = await tx.query<{ delivery_id: number }>(
    `WITH result AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
         id bigint, token text, number int, state text, next_attempt_at timestamptz, finished_at timestamptz,
         started_at timestamptz, http_status int, latency_ms int, response_body text, error text)
     ), updated AS (
       UPDATE webhook_deliveries d
       SET state = r.state, attempts = r.number, next_attempt_at = r.next_attempt_at, finished_at = r.finished_at,
           locked_until = NULL, claim_token = NULL
       FROM result r
       WHERE d.id = r.id AND d.claim_token = r.token AND d.state = 'pending'
       RETURNING d.id
     )
     INSERT INTO webhook_attempts (delivery_id, number, started_at, http_status, latency_ms, response_body, error)
     SELECT r.id, r.number, r.started_at, r.http_status, r.latency_ms, r.response_body, r.error
     FROM result r JOIN updated u ON u.id = r.id
     RETURNING delivery_id`,
    [JSON.stringify(results.map(toResultRecord))],
  );
  const appliedIds = new Set(applied.map((row) => String(row.delivery_id)));
  for (const result of results) {
    if (result.next.state === 'failed' && appliedIds.has(result.delivery.id)) await queueFailureMail(tx, result.delivery);
  }
  return appliedIds.size;

}

function toResultRecord({ delivery, outcome, next }: DeliveryResult): Record<string, unknown> {
  return {
    id: delivery.id,
    token: delivery.claimToken,
    number: delivery.attempts + 1,
    state: next.state,
    next_attempt_at: next.state === 'pending' ? next.nextAttemptAt.toISOString() : null,
    finished_at: next.state === 'pending' ? null : next.finishedAt.toISOString(),
    started_at: outcome.startedAt.toISOString(),
    http_status: outcome.httpStatus ?? null,
    latency_ms: Math.round(outcome.latencyMs),
    response_body: outcome.responseBody === undefined ? null : storableText(outcome.responseBody),
    error: outcome.error === undefined ? null : storableText(outcome.error),
  };
}

/** PostgreSQL text cannot hold NUL characters, which a receiver may well send back. */
function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}

async function queueFailureMail(tx: Queryable, delivery: ClaimedDelivery): Promise<void> {
  const [merchant] = await tx.query<{ name: string; email: string }>('SELECT name, email FROM merchants WHERE id = $1', [delivery.merchantId]);
  if (!merchant) return;
  const attempts = await tx.query<{ started_at: Date; http_status: number | null; error: string | null }>(
    'SELECT started_at, http_status, error FROM webhook_attempts WHERE delivery_id = $1 ORDER BY number',
    [delivery.id],
  );
  const mail = failureMail(merchant, {
    deliveryId: delivery.id,
    webhookId: delivery.webhookId,
    kind: delivery.kind,
    event: delivery.event,
    url: delivery.url,
    body: delivery.body,
    attempts: attempts.map((row) => ({ startedAt: row.started_at, httpStatus: row.http_status ?? undefined, error: row.error ?? undefined })),
  });
  await insertMail(tx, { merchantId: delivery.merchantId, ...mail });
}

const CLAIMED_COLUMNS = `d.id, d.contract, d.webhook_id, d.merchant_id, d.kind, d.event, d.url, d.signed, d.body, d.attempts,
               (SELECT secret FROM webhook_secrets s WHERE s.merchant_id = d.merchant_id) AS secret`;

function toClaimed(row: ClaimRow, token: string): ClaimedDelivery {
  return {
    id: String(row.id),
    contract: row.contract,
    webhookId: row.webhook_id,
    merchantId: row.merchant_id,
    kind: row.kind,
    event: row.event,
    url: row.url,
    signed: row.signed,
    secret: row.secret ?? undefined,
    body: row.body,
    attempts: row.attempts,
    claimToken: token,
  };
}
