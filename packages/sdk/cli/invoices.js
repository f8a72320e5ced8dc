/**
 * `achteraf invoices list` (the reconciliation list) and `achteraf invoices show <number>`: the
 * invoice's amounts and status, and its timeline from what the API exposes: the webhook events
 * of the invoice (placed, workflow started, payments, credits, hold) with their deliveries.
 */
import { Billink } from '../src/index.js';
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

async function show(billink, number, out) {
  const [info] = (await billink.v2.orderInfo({ invoices: [number] })).invoices;
  if (!info || info.status === -1) throw new CliError(`invoice ${number} not found`, EXIT.failed);
  let row;
  for await (const invoice of billink.reconciliation.allInvoices()) {
    if (invoice.invoice_number === number || invoice.invoice_number_clean === number) {
      row = invoice;
      break;
    }
  }
  const timeline = await deliveriesOf(billink, row?.invoice_number ?? number);
  out.data({ invoice: row, status: info, timeline });
  out.line(out.bold(row ? `${row.invoice_number} (${row.invoice_number_clean})` : number));
  if (row) {
    out.line(`  workflow ${row.workflow_number}, invoice date ${row.invoice_date}, due ${row.due_date ?? '—'}, ${row.status}`);
    out.line(`  total ${row.currency} ${row.total_amount}, paid ${row.paid_amount}, credited ${row.credited_amount}, open ${row.open_amount}`);
  }
  out.line(`  step: ${info.description}${info.paidOut ? ', paid out' : ''}`);
  out.line(out.bold('Timeline (webhook events)'));
  if (timeline.length === 0) out.line(out.dim('  no webhook deliveries for this invoice (none set, or none sent yet)'));
  for (const entry of timeline) {
    const last = entry.attempts.at(-1);
    out.line(`  ${entry.createdAt}  ${entry.event.padEnd(24)} ${entry.state}${last ? ` (last answer ${last.httpStatus ?? last.error})` : ''}`);
  }
  return EXIT.ok;
}

/** The deliveries whose body names this invoice, oldest first (the log has at most 100 per page). */
async function deliveriesOf(billink, invoiceNumber) {
  const found = [];
  for (let page = 1; page <= 20; page += 1) {
    const log = await billink.webhooks.deliveries({ page, pageSize: 100 });
    for (const delivery of log.deliveries) {
      const body = JSON.parse(delivery.body);
      if (body.invoice_number === invoiceNumber || body.billinkInvoiceNumber === invoiceNumber) found.push(delivery);
    }
    if (page >= log.totalPages) break;
  }
  return found.reverse().map(({ body: _body, ...delivery }) => delivery);
}
