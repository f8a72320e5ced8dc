/**
 * `achteraf logs tail [--follow]`: the merchant's webhook deliveries with every attempt, newest
 * last; with --follow it keeps printing new deliveries and new attempts. The server keeps no log
 * of API requests, so there are none to show (docs/cli.md).
 */
import { Billink } from '../src/index.js';
import { CliError, EXIT } from './output.js';

const FOLLOW_EVERY_MS = 1_000;

export async function logs({ settings, positionals, options, out, signal }) {
  if (positionals[0] !== 'tail') throw new CliError('usage: achteraf logs tail [--limit N] [--follow]', EXIT.usage);
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliError('--limit must be a whole number from 1 to 100', EXIT.usage);
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId });
  const seen = new Map();
  const print = (deliveries) => {
    for (const delivery of [...deliveries].reverse()) {
      const known = seen.get(delivery.deliveryId);
      const key = `${delivery.state}/${delivery.attempts.length}`;
      if (known === key) continue;
      seen.set(delivery.deliveryId, key);
      out.data(delivery);
      const last = delivery.attempts.at(-1);
      const answer = last ? (last.httpStatus ? `HTTP ${last.httpStatus}` : last.error) : 'no attempt yet';
      const state = delivery.state === 'delivered' ? out.green(delivery.state) : delivery.state === 'failed' ? out.red(delivery.state) : out.yellow(delivery.state);
      out.line(`${delivery.createdAt}  #${delivery.deliveryId}  ${delivery.event.padEnd(24)} ${state.padEnd(9)} ${delivery.attempts.length} attempt(s), ${answer}  ${out.dim(delivery.url)}`);
    }
  };
  const first = await billink.webhooks.deliveries({ pageSize: limit });
  if (first.deliveries.length === 0) out.line(out.dim('No webhook deliveries yet.'));
  print(first.deliveries);
  while (options.follow && !signal.aborted) {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, FOLLOW_EVERY_MS);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    if (signal.aborted) break;
    print((await billink.webhooks.deliveries({ pageSize: 100 })).deliveries);
  }
  return EXIT.ok;
}
