/**
 * The webhook part of a sandbox clock advance (core/sandbox/clock-follow-up.ts): the first attempt
 * of every pending delivery of one merchant, now, with the delivery job's own attempt code and
 * lease, so the job and other nodes never attempt the same delivery at the same time. Results are
 * recorded as the job records them (retries on the real-time schedule). A first attempt that the
 * job or another node already holds is waited for, within its lease, so the advance answers only
 * after every webhook it caused was tried once.
 */
import { randomUUID } from 'node:crypto';
import { afterAttempt } from '../core/webhooks/delivery-state.js';
import type { SqlWebhookDeliveryRepository } from '../store/webhook-delivery-repository.js';
import { attemptDelivery, LEASE_MARGIN_MS, type WebhookDeliveryJobOptions } from './webhook-delivery-job.js';

export type MerchantWebhookDeliveryOptions = Pick<
  WebhookDeliveryJobOptions,
  'clock' | 'signers' | 'transport' | 'retrySchedule' | 'retrySchedules' | 'concurrency' | 'timeoutMs' | 'onAttempt'
> & { deliveries: SqlWebhookDeliveryRepository };

const HELD_POLL_MS = 25;

/** Returns how many deliveries had their first attempt: those made here and those waited for. */
export async function deliverMerchantWebhooks(options: MerchantWebhookDeliveryOptions, merchantId: string): Promise<number> {
  let attempted = 0;
  for (;;) {
    const now = options.clock.now();
    const claimed = await options.deliveries.claimFirstAttempts({
      merchantId,
      now,
      lockedUntil: new Date(now.getTime() + options.timeoutMs + LEASE_MARGIN_MS),
      limit: options.concurrency,
      token: randomUUID(),
    });
    if (claimed.length === 0) break;
    const results = await Promise.all(
      claimed.map(async (delivery) => {
        const outcome = await attemptDelivery(options, delivery);
        const schedule = options.retrySchedules?.[delivery.contract] ?? options.retrySchedule;
        const next = afterAttempt(delivery.attempts, outcome, schedule, options.clock.now());
        options.onAttempt?.(next.state);
        return { delivery, outcome, next };
      }),
    );
    attempted += await options.deliveries.complete(results);
  }
  // Claimed elsewhere before we looked: wait for their attempts, at most as long as a lease lasts.
  const held = await options.deliveries.firstAttemptsHeld(merchantId, options.clock.now());
  const deadline = performance.now() + options.timeoutMs + LEASE_MARGIN_MS;
  let remaining = held;
  while (remaining > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
    remaining = await options.deliveries.firstAttemptsHeld(merchantId, options.clock.now());
  }
  return attempted + (held - remaining);
}
