/**
 * `achteraf clock [show] | clock advance 3d|12h|<ISO 8601> | clock advance --to <ISO> | clock reset`:
 * the sandbox merchant's test clock (docs/cli.md, docs/collection.md "Test clocks"). An advance
 * answers when everything due has run; on a terminal the time it has taken so far is shown
 * meanwhile, then a summary of what it did.
 */
import { Billink } from '../src/index.js';
import { CliError, EXIT } from './output.js';

const USAGE = 'usage: achteraf clock [show] | clock advance <3d|12h|ISO 8601> | clock advance --to <ISO 8601> | clock reset';
const TICK_MS = 250;

/** `3d`, `12h` or an ISO 8601 date or instant, as the advance endpoint takes them. */
export function parseMove(text, to) {
  if (to !== undefined && text !== undefined) throw new CliError('give either an amount (3d, 12h) or --to, not both', EXIT.usage);
  if (to !== undefined) return { to };
  if (text === undefined) throw new CliError(USAGE, EXIT.usage);
  const amount = /^(\d+)\s*(d|day|days|h|hour|hours)$/i.exec(text.trim());
  if (amount) return amount[2].toLowerCase().startsWith('d') ? { days: Number(amount[1]) } : { hours: Number(amount[1]) };
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return { to: text };
  throw new CliError(`cannot read ${text}: use 3d, 12h or an ISO 8601 date such as 2027-01-31\n${USAGE}`, EXIT.usage);
}

const amsterdam = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short' });

function when(date) {
  return `${amsterdam.format(date)} Amsterdam`;
}

function offsetText(ms) {
  if (ms === 0) return 'real time';
  const hours = Math.round(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `${days > 0 ? `${days} d ` : ''}${rest > 0 || days === 0 ? `${rest} h ` : ''}ahead of real time`;
}

function stateJson(state) {
  return Object.fromEntries(Object.entries(state).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value]));
}

/** Shows the seconds an advance has been running, on a terminal only; returns the stop function. */
function progress(out, stream = process.stderr) {
  if (out.json || stream.isTTY !== true) return () => {};
  const started = performance.now();
  const timer = setInterval(() => {
    stream.write(`\r${out.dim(`Advancing… ${((performance.now() - started) / 1000).toFixed(1)} s (applying steps, sending e-mails and webhooks)`)}`);
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    stream.write('\r\u001b[2K');
  };
}

export async function clock({ settings, positionals, options, out }) {
  const [action = 'show', amount, extra] = positionals;
  if (extra !== undefined) throw new CliError(USAGE, EXIT.usage);
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId, timeoutMs: 30 * 60_000 });
  const sandbox = billink.v2.sandbox;
  if (action === 'show') {
    if (amount !== undefined) throw new CliError(USAGE, EXIT.usage);
    const state = await sandbox.clock();
    out.data(stateJson(state));
    out.line(`${out.bold(when(state.now))}  ${out.dim(`(${offsetText(state.offsetMs)}; real time ${when(state.realNow)})`)}`);
    return EXIT.ok;
  }
  if (action === 'reset') {
    if (amount !== undefined) throw new CliError(USAGE, EXIT.usage);
    const state = await sandbox.reset();
    out.data(stateJson(state));
    out.line(`${out.green('Clock reset')} to real time: ${when(state.from)} → ${when(state.now)}`);
    return EXIT.ok;
  }
  if (action !== 'advance') throw new CliError(USAGE, EXIT.usage);
  const move = parseMove(amount, options.to);
  const stop = progress(out);
  let advance;
  try {
    advance = await sandbox.advance(move);
  } finally {
    stop();
  }
  out.data(stateJson(advance));
  out.line(`${out.green('Clock advanced')}: ${when(advance.from)} → ${out.bold(when(advance.now))}  ${out.dim(`(${offsetText(advance.offsetMs)})`)}`);
  const steps = Object.entries(advance.steps);
  out.line(`  Steps applied:      ${advance.stepsApplied}${steps.length > 0 ? ` (${steps.map(([name, count]) => `${name}: ${count}`).join(', ')})` : ''}`);
  out.line(`  E-mails sent:       ${advance.emails}`);
  out.line(`  Webhooks attempted: ${advance.webhooks}`);
  return EXIT.ok;
}
