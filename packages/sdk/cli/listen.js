/**
 * `achteraf listen --forward-to <url>`: reads this merchant's live webhook stream and posts each
 * webhook to a local URL with the headers a real delivery carries (docs/webhooks.md), printing
 * each with the answer. Works behind NAT: the CLI connects out, nothing connects in.
 */
import { Billink, signWebhook } from '../src/index.js';
import { CliError, EXIT } from './output.js';

const FORWARD_TIMEOUT_MS = 10_000;

export async function listen({ settings, options, out, signal }) {
  const target = options['forward-to'];
  if (!target) throw new CliError('listen needs --forward-to <url>, e.g. --forward-to http://localhost:3000/webhooks', EXIT.usage);
  try {
    const parsed = new URL(target);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
  } catch {
    throw new CliError(`--forward-to must be an http(s) URL, not ${target}`, EXIT.usage);
  }
  const only = options.events ? new Set(String(options.events).split(',').map((name) => name.trim()).filter(Boolean)) : undefined;
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId });
  let since = options.since;
  let connected = false;
  for (let failures = 0; !signal.aborted; ) {
    try {
      for await (const message of billink.webhooks.stream({ since, signal })) {
        if (message.type === 'ready') {
          failures = 0;
          if (!connected) announce(out, message, target, options.secret !== undefined);
          else out.line(out.dim('Reconnected.'));
          connected = true;
          since = message.lastEventId;
          continue;
        }
        if (message.type !== 'webhook') continue;
        since = message.eventId;
        if (only && !only.has(message.event)) continue;
        const result = await forward(target, message, options.secret);
        report(out, message, result);
      }
    } catch (error) {
      if (signal.aborted) break;
      // Before the first connection a failure is the answer; after it, the stream is resumed.
      if (!connected) throw error;
      failures += 1;
      out.line(out.yellow(`Stream lost (${error.message}); reconnecting…`));
    }
    if (signal.aborted) break;
    // Jittered, growing waits, so a restarting server is not hammered by every listener at once.
    await wait(Math.min(10_000, 250 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2), signal);
  }
  return EXIT.ok;
}

function announce(out, ready, target, localSecret) {
  const signing = localSecret
    ? 'signed with --secret'
    : ready.signed
      ? 'signed with your webhook v3 secret'
      : out.yellow('unsigned: this merchant has no v3 secret (POST /v2/client/webhook-v3/secret/generate, or pass --secret)');
  out.line(`${out.green('Ready!')} Forwarding webhooks of ${out.bold(ready.merchant.username)}${ready.merchant.sandbox ? ' (sandbox)' : ''} to ${target}, ${signing}. Ctrl-C stops.`);
  out.data({ type: 'ready', merchant: ready.merchant, forwardTo: target, signed: localSecret || ready.signed });
}

/** One POST with the delivery's headers; the signature is the server's, or made here with --secret. */
async function forward(target, message, secret) {
  const headers = { 'content-type': 'application/json', 'user-agent': 'Achteraf-CLI/1', 'x-billink-webhook-id': message.webhookId };
  if (secret !== undefined) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers['x-billink-timestamp'] = timestamp;
    headers['x-billink-signature'] = signWebhook(secret, timestamp, message.body);
  } else if (message.signature) {
    headers['x-billink-timestamp'] = message.timestamp;
    headers['x-billink-signature'] = message.signature;
  }
  const started = performance.now();
  try {
    const response = await fetch(target, { method: 'POST', headers, body: message.body, redirect: 'manual', signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    const answer = (await response.text()).slice(0, 1024);
    return { status: response.status, statusText: response.statusText, ms: Math.round(performance.now() - started), answer };
  } catch (error) {
    return { error: error.name === 'TimeoutError' ? `no answer within ${FORWARD_TIMEOUT_MS / 1000} s` : (error.cause?.message ?? error.message), ms: Math.round(performance.now() - started) };
  }
}

function report(out, message, result) {
  const body = JSON.parse(message.body);
  const invoice = body.invoice_number ?? body.billinkInvoiceNumber ?? '';
  const time = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const outcome = result.error
    ? out.red(`failed: ${result.error}`)
    : (result.status >= 200 && result.status < 300 ? out.green : out.red)(`${result.status} ${result.statusText}`);
  out.line(`${out.dim(time)}  ${message.kind === 'session' ? 'session ' : ''}${out.bold(message.event)}  ${invoice}  -> ${outcome} ${out.dim(`(${result.ms} ms)`)}`);
  out.data({ type: 'webhook', eventId: message.eventId, webhookId: message.webhookId, kind: message.kind, event: message.event, invoiceNumber: invoice, body: message.body, forwarded: result });
}

function wait(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
