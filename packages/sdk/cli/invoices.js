/**
 * `achteraf invoices list` (the reconciliation list) and `achteraf invoices show <number>`: the
 * invoice's amounts and its whole timeline — steps, e-mails, costs, payments, credits, holds,
 * disputes, payouts, webhooks with their attempts, and what happens next — from one call.
 */
import { Billink, BillinkApiError } from '../src/index.js';
import { CliError, EXIT } from './output.js';

export async function invoices({ settings, positionals, options, out }) {
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId });
  const [action, number] = positionals;
  if (action === 'list') return list(billink, options, out);
  if (action === 'show') {
    if (!number) throw new CliError('invoices show needs an invoice number', EXIT.usage);
    return show(billink, number, out);
  }
  throw new CliError('usage: achteraf invoices list [--page N] [--from yyyy-mm-dd] [--to yyyy-mm-dd] | invoices show <number>', EXIT.usage);
}

async function list(billink, options, out) {
  const page = options.page === undefined ? 1 : Number(options.page);
  if (!Number.isInteger(page) || page < 1) throw new CliError('--page must be a whole number from 1', EXIT.usage);
  const answer = await billink.reconciliation.invoices({ page, dateFrom: options.from, dateTo: options.to });
  out.data(answer);
  if (answer.invoices.length === 0) {
    out.line('No invoices.');
    return EXIT.ok;
  }
  out.line(out.bold(`${'invoice'.padEnd(28)} ${'date'.padEnd(10)} ${'status'.padEnd(8)} ${'total'.padStart(10)} ${'open'.padStart(10)}  step`));
  for (const row of answer.invoices) {
    const status = row.status === 'open' ? out.yellow(row.status.padEnd(8)) : out.green(row.status.padEnd(8));
    out.line(`${row.invoice_number.padEnd(28)} ${row.invoice_date} ${status} ${row.total_amount.padStart(10)} ${row.open_amount.padStart(10)}  ${row.workflow_step}`);
  }
  out.line(out.dim(`page ${answer.page} of ${answer.total_pages}, ${answer.total_invoices} invoices`));
  return EXIT.ok;
}

/** The invoice and its whole timeline from one call (POST /v2/client/invoice/timeline). */
async function show(billink, number, out) {
  let timeline;
  try {
    timeline = await billink.v2.invoiceTimeline({ invoiceNumber: number });
  } catch (error) {
    if (error instanceof BillinkApiError && error.code === '402') throw new CliError(`invoice ${number} not found`, EXIT.failed);
    throw error;
  }
  out.data(timeline);
  const { invoice } = timeline;
  out.line(out.bold(`${invoice.invoiceNumber} (${invoice.orderNumber})`));
  out.line(`  workflow ${invoice.workflowNumber}, order date ${invoice.orderDate}, due ${invoice.dueDate ?? '—'}, ${invoice.status}, step ${invoice.step}`);
  out.line(`  total ${invoice.currency} ${invoice.total}, paid ${invoice.paid}, credited ${invoice.credited}, open ${invoice.open}, costs open ${invoice.costsOpen}`);
  if (invoice.onHoldUntil) out.line(`  on hold until ${invoice.onHoldUntil}`);
  out.line(out.bold('Timeline'));
  for (const entry of timeline.entries) {
    out.line(`  ${out.dim(entry.at)}  ${describeEntry(entry)}`);
    const events = entry.kind === 'event' ? [] : (entry.events ?? []);
    const hooks = entry.kind === 'event' ? entry.webhooks : [];
    for (const event of events) out.line(`      ${out.dim('event')} ${event.type}`);
    for (const webhook of [...hooks, ...events.flatMap((event) => event.webhooks)]) out.line(`      ${describeWebhook(webhook, out)}`);
  }
  out.line(out.bold(`Next (the webshop's time is ${timeline.now})`));
  if (timeline.paused?.dispute) out.line('  paused while a dispute is open');
  else if (timeline.paused) out.line(`  paused until ${timeline.paused.holdUntil}`);
  if (timeline.upcoming.length === 0) out.line(out.dim('  nothing planned'));
  for (const step of timeline.upcoming) out.line(`  ${out.dim(step.at)}  ${step.timer.replace('_', ' ')}${step.reminderNumber ? ` ${step.reminderNumber}` : ''}`);
  return EXIT.ok;
}

function describeEntry(entry) {
  const described = (text) => (text ? ` (${text})` : '');
  switch (entry.kind) {
    case 'order_placed':
      return 'order placed';
    case 'workflow_started':
      return 'workflow started';
    case 'step':
      return `step: ${entry.step}${entry.restarted ? ' (restarted after a credit)' : ''}`;
    case 'mail':
      return `e-mail ${entry.mail.replace('_', ' ')}${entry.reminderNumber ? ` ${entry.reminderNumber}` : ''}${entry.subject ? ` "${entry.subject}"` : ''} to ${entry.recipient}: ${entry.state}${
        entry.sentAt ? ` ${entry.sentAt}` : ''
      }${entry.lastError ? ` (${entry.lastError})` : ''}`;
    case 'costs':
      return `costs: ${entry.costs.replace('_', ' ')} ${entry.amount}`;
    case 'payment':
      return `payment ${entry.amount}${entry.toCostsCents > 0 ? `, ${entry.toCosts} to costs` : ''}${entry.channel === 'merchant' ? ', to the webshop' : ''}${described(entry.description)}`;
    case 'credit':
      return `credit ${entry.amount}${described(entry.description)}`;
    case 'on_hold':
      return `on hold${entry.until ? ` until ${entry.until}` : ''}`;
    case 'resumed':
      return 'resumed';
    case 'dispute_opened':
      return `dispute opened (category ${entry.category}): ${entry.message}`;
    case 'dispute_resolved':
      return `dispute resolved${entry.resolution ? `: ${entry.resolution}` : ''}`;
    case 'settlement':
      return `${entry.settlement === 'payout' ? 'paid out' : 'clawed back'} ${entry.net} net (${entry.gross} gross, ${entry.fee} fee)`;
    case 'message':
      return `message: ${entry.body}`;
    case 'event':
      return `event ${entry.type}`;
    default:
      return entry.kind;
  }
}

function describeWebhook(webhook, out) {
  const attempts = webhook.attempts.map((attempt) => `attempt ${attempt.number}: ${attempt.httpStatus ?? attempt.error}`).join('; ') || 'not sent yet';
  const state = webhook.state === 'delivered' ? out.green(webhook.state) : webhook.state === 'failed' ? out.red(webhook.state) : out.yellow(webhook.state);
  return `webhook ${webhook.id}${webhook.replayOf ? ` (replay of ${webhook.replayOf})` : ''} ${webhook.event} → ${webhook.url}: ${state} (${attempts})`;
}
