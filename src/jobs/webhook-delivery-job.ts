/**
 * Delivers queued webhooks: claims due deliveries (a lease, see webhook-delivery-repository.ts),
 * posts up to `concurrency` at once, and writes results in small batches, each batch one
 * transaction, together with the next claim when one comes within a few milliseconds. When the
 * process dies, unwritten results are lost and their leases run out, so the same deliveries go
 * out again with the same X-Billink-Webhook-Id: at least once, never lost.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/shared/clock.js';
import { type AttemptOutcome, afterAttempt, type NextStep } from '../core/webhooks/delivery-state.js';
import type { NotificationSigners } from '../core/webhooks/notifications.js';
import type { WebhookTransport } from '../outbound/webhook-transport.js';
import type { ClaimedDelivery, ClaimOptions, DeliveryResult, SqlWebhookDeliveryRepository } from '../store/webhook-delivery-repository.js';
import type { Job, JobLog } from './job-runner.js';

export interface WebhookDeliveryJobOptions {
  deliveries: SqlWebhookDeliveryRepository;
  transport: WebhookTransport;
  /** Each contract's signer, by the delivery's contract (wired in main.ts). */
  signers: NotificationSigners;
  clock: Clock;
  /** Seconds to wait before each retry (WEBHOOK_RETRY_SCHEDULE). */
  retrySchedule: readonly number[];
  /** A contract's own schedule where it has one, e.g. Buckaroo pushes (BUCKAROO_PUSH_RETRY_SCHEDULE). */
  retrySchedules?: Readonly<Record<string, readonly number[]>>;
  /** Requests in flight at most. */
  concurrency: number;
  /** The transport's timeout; a claim lasts a little longer so results can still be written. */
  timeoutMs: number;
  log: JobLog;
  /** Told when a batch failed deliveries for good and so queued e-mail. */
  onMailQueued?: () => void;
  /** Told what each attempt led to (delivered, retry later, failed for good), for metrics. */
  onAttempt?: (next: NextStep['state']) => void;
}

/** Signs with the delivery's contract, then posts; a signer that fails is a failed attempt, never a lost delivery. */
export async function attemptDelivery(
  options: Pick<WebhookDeliveryJobOptions, 'clock' | 'signers' | 'transport'>,
  delivery: ClaimedDelivery,
): Promise<AttemptOutcome> {
  const startedAt = options.clock.now();
  const signer = options.signers[delivery.contract];
  let headers: Record<string, string>;
  try {
    if (!signer) throw new Error(`no signer for contract ${delivery.contract}`);
    headers = await signer.headers(
      { merchantId: delivery.merchantId, url: delivery.url, body: delivery.body, webhookId: delivery.webhookId, billinkSecret: delivery.secret, signed: delivery.signed },
      startedAt,
    );
  } catch (error) {
    return { startedAt, httpStatus: undefined, latencyMs: 0, responseBody: undefined, error: `not signed: ${(error as Error).message}` };
  }
  return options.transport.send({ method: signer.method ?? 'POST', url: delivery.url, body: delivery.body, headers });
}

/** Time beyond the request timeout for writing the result before the claim runs out. */
export const LEASE_MARGIN_MS = 5_000;
/**
 * Results wait this long for company before they are written: one transaction per result costs
 * more than the request itself on the embedded database, so a few milliseconds buy large batches.
 */
const FLUSH_DELAY_MS = 5;
/**
 * A claim that is likely to fill fewer than half the slots (the one before did) waits this long
 * for company first. Under a steady trickle on the embedded database, claiming at every producer
 * commit gave claims of a handful of deliveries, each a turn on the one connection that the
 * producer needs too; waiting a few milliseconds adds at most that to the lag and gathers several
 * commits' deliveries, and their results, into one turn. Measured (docs/benchmarks.md "Webhook
 * delivery lag on PGlite"): p50 lag 5–10 ms higher, p99 at half the together-rate 17–96 ms under
 * moderate load; its p99 gain was within the noise of a loaded machine. A backlog fills the slots,
 * so it never waits.
 */
const CLAIM_DELAY_MS = 5;

export class WebhookDeliveryJob implements Job {
  readonly name = 'webhook-delivery';
  private inFlight = 0;
  private results: DeliveryResult[] = [];
  private flushing: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private slotFreed: (() => void) | undefined;
  private idle: (() => void) | undefined;
  /** Whether the last claim filled fewer than half the slots it could: the next one then waits for company. */
  private lastClaimWasSmall = true;

  constructor(private readonly options: WebhookDeliveryJobOptions) {}

  async runOnce(): Promise<boolean> {
    // Claim in batches of at least half the slots: one claim per freed slot would spend more
    // time claiming than posting.
    while (this.inFlight > this.options.concurrency / 2) {
      await new Promise<void>((resolve) => (this.slotFreed = resolve));
    }
    if (this.lastClaimWasSmall) await new Promise((resolve) => setTimeout(resolve, CLAIM_DELAY_MS));
    const free = this.options.concurrency - this.inFlight;
    const now = this.options.clock.now();
    const claimed = await this.claimWithResults({
      now,
      lockedUntil: new Date(now.getTime() + this.options.timeoutMs + LEASE_MARGIN_MS),
      limit: free,
      token: randomUUID(),
    });
    this.lastClaimWasSmall = claimed.length < free / 2;
    for (const delivery of claimed) this.dispatch(delivery);
    return claimed.length === free;
  }

  /** Waits for requests in flight and writes their results. */
  async drain(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    while (this.flushing || this.results.length > 0) await this.flush();
  }

  private dispatch(delivery: ClaimedDelivery): void {
    this.inFlight += 1;
    void this.attempt(delivery).then((outcome) => {
      const schedule = this.options.retrySchedules?.[delivery.contract] ?? this.options.retrySchedule;
      const next = afterAttempt(delivery.attempts, outcome, schedule, this.options.clock.now());
      this.results.push({ delivery, outcome, next });
      this.options.onAttempt?.(next.state);
      this.inFlight -= 1;
      this.scheduleFlush();
      this.slotFreed?.();
      this.slotFreed = undefined;
      if (this.inFlight === 0) this.idle?.();
    });
  }

  private attempt(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    return attemptDelivery(this.options, delivery);
  }

  /**
   * Claims, and writes the results waiting to be written in the same transaction: one turn on the
   * embedded database's connection instead of two. A result write already under way keeps its
   * batch, and the claim goes alone. When the transaction fails, neither happened: the results'
   * claims run out and they are sent again (at least once), and the round fails as any claim does.
   */
  private async claimWithResults(claim: ClaimOptions): Promise<ClaimedDelivery[]> {
    // Only under a trickle: with a backlog the claim would wait for a write it need not wait for
    // (on PostgreSQL the two run side by side on two connections), and the backlog ran slower
    // with it in the A/B of docs/benchmarks.md.
    if (!this.lastClaimWasSmall || this.flushing || this.results.length === 0) return this.options.deliveries.claim(claim);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.results;
    this.results = [];
    const written = this.options.deliveries.completeAndClaim(batch, claim);
    this.flushing = this.settle(batch, written);
    return (await written).claimed;
  }

  /**
   * Writes at once when a batch is large or, with a backlog, nothing else is in flight; else after
   * a short delay, so that under a trickle the next claim can carry it (the delay is also the
   * longest a result waits when no claim comes).
   */
  private scheduleFlush(): void {
    if (this.results.length >= this.options.concurrency / 2 || (this.inFlight === 0 && !this.lastClaimWasSmall)) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      void this.flush();
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_DELAY_MS);
  }

  /** One transaction per batch; results arriving meanwhile form the next batch. */
  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.results.length === 0) return Promise.resolve();
    const batch = this.results;
    this.results = [];
    this.flushing = this.settle(batch, this.options.deliveries.complete(batch));
    return this.flushing;
  }

  /** After a result write: mail news on success, the log on failure, then the next batch. */
  private settle(batch: readonly DeliveryResult[], written: Promise<unknown>): Promise<void> {
    return written
      .then(
        () => {
          if (batch.some((result) => result.next.state === 'failed')) this.options.onMailQueued?.();
        },
        (error: unknown) => this.options.log.error({ err: error, job: this.name }, 'could not record webhook attempts; their claims will run out and they are sent again'),
      )
      .finally(() => {
        this.flushing = undefined;
        if (this.results.length > 0) this.scheduleFlush();
      });
  }
}
