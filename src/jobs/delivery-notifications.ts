/**
 * On PostgreSQL a commit that queued deliveries sends a NOTIFY (webhook-fan-out.ts), so workers
 * in other processes start at once instead of at their next poll. It is only a hint: a missed
 * notification, or a dropped listening connection, costs one poll interval.
 */
import pg from 'pg';
import { quoteIdentifier } from '../store/database.js';
import { DELIVERY_CHANNEL } from '../store/webhook-fan-out.js';
import type { JobLog } from './job-runner.js';

export async function listenForDeliveries(url: string, onNotify: () => void, log: JobLog): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error) => log.error({ err: error, job: 'webhook-delivery' }, 'lost the LISTEN connection; polling continues'));
  client.on('notification', () => onNotify());
  await client.connect();
  await client.query(`LISTEN ${quoteIdentifier(DELIVERY_CHANNEL)}`);
  return async () => {
    await client.end().catch(() => {});
  };
}
