/**
 * `achteraf logs tail [--follow] [--deliveries]`: the merchant's API requests from the request log
 * the server keeps (POST /v2/client/requests), oldest of the last `--limit` first, each with its
 * method, route, wire code, duration and request id; with --follow it polls on from the last id
 * seen. `--deliveries` shows the webhook deliveries with their attempts instead (docs/cli.md).
 */
import { Billink } from '../src/index.js';
import { CliError, EXIT } from './output.js';

/** The server writes its log in batches every 0.5 s (src/operations/request-log-writer.ts). */
const FOLLOW_EVERY_MS = 1_000;
const PAGE = 100;

export async function logs({ settings, positionals, options, out, signal }) {
  if (positionals[0] !== 'tail') throw new CliError('usage: achteraf logs tail [--limit N] [--follow] [--deliveries]', EXIT.usage);
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE) throw new CliError(`--limit must be a whole number from 1 to ${PAGE}`, EXIT.usage);
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId });
  try {
    if (options.deliveries) await tailDeliveries(billink, limit, options.follow, out, signal);
    else await tailRequests(billink, limit, options.follow, out, signal);
  } catch (error) {
    // Ctrl-C while a poll is on its way: the call is aborted, which is how the tail ends.
    if (!signal.aborted) throw error;
  }
  return EXIT.ok;
}

async function tailRequests(billink, limit, follow, out, signal) {
  const first = await billink.requests.list({ limit }, { signal });
  if (first.length === 0) out.line(out.dim('No API requests in the last 24 hours yet.'));
  printRequests(first, out);
  let cursor = first.at(-1)?.id;
  while (follow && (await pause(signal))) {
    // Read on until a page comes back short, so a burst of requests is never cut off.
    for (;;) {
      const page = await billink.requests.list(cursor === undefined ? { limit: PAGE } : { after: cursor, limit: PAGE }, { signal });
      printRequests(page, out);
      cursor = page.at(-1)?.id ?? cursor;
      if (page.length < PAGE || signal.aborted) break;
    }
  }
}

function printRequests(requests, out) {
  for (const request of requests) {
    out.data(request);
    const status = request.status >= 500 ? out.red(request.status) : request.status >= 400 ? out.yellow(request.status) : out.green(request.status);
    out.line(`${request.at}  ${request.method.padEnd(6)} ${request.path.padEnd(34)} ${status} ${String(request.code).padEnd(5)} ${`${request.durationMs} ms`.padStart(8)}  ${out.dim(request.requestId)}`);
  }
}

async function tailDeliveries(billink, limit, follow, out, signal) {
  const seen = new Map();
  const print = (deliveries) => {
    for (const delivery of [...deliveries].reverse()) {
      const key = `${delivery.state}/${delivery.attempts.length}`;
      if (seen.get(delivery.deliveryId) === key) continue;
      seen.set(delivery.deliveryId, key);
      out.data(delivery);
      const last = delivery.attempts.at(-1);
      const answer = last ? (last.httpStatus ? `HTTP ${last.httpStatus}` : last.error) : 'no attempt yet';
      const state = delivery.state === 'delivered' ? out.green(delivery.state) : delivery.state === 'failed' ? out.red(delivery.state) : out.yellow(delivery.state);
      out.line(`${delivery.createdAt}  #${delivery.deliveryId}  ${delivery.event.padEnd(24)} ${state.padEnd(9)} ${delivery.attempts.length} attempt(s), ${answer}  ${out.dim(delivery.url)}`);
    }
  };
  const first = await billink.webhooks.deliveries({ pageSize: limit }, { signal });
  if (first.deliveries.length === 0) out.line(out.dim('No webhook deliveries yet.'));
  print(first.deliveries);
  while (follow && (await pause(signal))) print((await billink.webhooks.deliveries({ pageSize: PAGE }, { signal })).deliveries);
}

/** Waits for the next poll; false once the process has been told to stop. */
function pause(signal) {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(!signal.aborted);
    };
    const timer = setTimeout(done, FOLLOW_EVERY_MS);
    signal.addEventListener('abort', done, { once: true });
  });
}
