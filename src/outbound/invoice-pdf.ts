/**
 * Renders an invoice as a PDF with pdfkit: merchant, customer, lines, VAT per rate, total and
 * the date it is due. Dutch, as the invoices Billink sends its customers are.
 */
import PDFDocument from 'pdfkit';
import type { Merchant } from '../core/merchants/merchant.js';
import { openAmount, type Invoice } from '../core/orders/invoice.js';
import { addDays, formatDutchDate } from '../core/shared/dates.js';
import { formatEuroDutch } from '../core/shared/money.js';
import { formatVatRate, vatBreakdown } from '../core/shared/vat.js';

const ORANGE = '#FF8D29';
const DARK = '#16120D';

export function renderInvoicePdf(invoice: Invoice, merchant: Merchant, defaultTermDays = 14): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Factuur ${invoice.invoiceNumber}`, Author: 'Achteraf' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const customer = invoice.customer;
  const name = [customer.firstName ?? customer.initials, customer.lastName].filter(Boolean).join(' ');
  const address = customer.address;
  const dueDate = invoice.dueDate ?? addDays(invoice.orderDate, defaultTermDays);

  doc.rect(0, 0, doc.page.width, 8).fill(ORANGE);
  doc.fillColor(DARK).font('Helvetica-Bold').fontSize(20).text('Factuur', 50, 50);
  // A long trade name wraps; the line under it follows wherever it ends.
  doc.font('Helvetica').fontSize(10).text(merchant.name, 300, 50, { width: 245, align: 'right' });
  doc.text('Achteraf betalen', 300, doc.y, { width: 245, align: 'right' });

  doc.moveDown(3);
  const top = doc.y;
  doc.font('Helvetica-Bold').text('Aan', 50, top);
  doc.font('Helvetica');
  if (customer.companyName) doc.text(customer.companyName);
  doc.text(name);
  doc.text([address.street, address.houseNumber, address.houseExtension].filter(Boolean).join(' '));
  doc.text(`${address.postalCode} ${address.city ?? ''}`.trim());
  doc.text(address.countryCode);

  const addressBottom = doc.y;

  const facts: [string, string][] = [
    ['Factuurnummer', invoice.invoiceNumber],
    ['Uw ordernummer', invoice.merchantNumber],
    ['Factuurdatum', formatDutchDate(invoice.orderDate)],
    ['Vervaldatum', formatDutchDate(dueDate)],
  ];
  // Order numbers run up to 50 characters and wrap; each row starts below the previous one.
  let factsY = top;
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').text(label, 300, factsY, { width: 95 });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(value, 395, factsY, { width: 150, align: 'right' });
    factsY = Math.max(labelBottom, doc.y) + 2;
  }

  let y = tableHeader(doc, Math.max(addressBottom, factsY) + 30);
  for (const line of invoice.lines) {
    if (y + doc.heightOfString(line.description, { width: COLUMNS.description.width }) > bottomOf(doc)) {
      doc.addPage();
      y = tableHeader(doc, doc.page.margins.top);
    }
    doc.text(line.description, COLUMNS.description.x, y, { width: COLUMNS.description.width });
    const rowBottom = doc.y;
    cell(doc, 'quantity', String(line.quantity), y);
    cell(doc, 'price', formatEuroDutch(line.unitPriceInclusive), y);
    cell(doc, 'vat', `${formatVatRate(line.vatRate)}%`, y);
    cell(doc, 'total', formatEuroDutch(line.totalInclusive), y);
    y = Math.max(rowBottom, doc.y) + 4;
  }

  const summary: [string, string][] = [];
  for (const row of vatBreakdown(invoice.lines)) {
    summary.push([`Btw ${formatVatRate(row.rate)}% over ${formatEuroDutch(row.inclusive - row.vat)}`, formatEuroDutch(row.vat)]);
  }
  summary.push(['Totaal inclusief btw', formatEuroDutch(invoice.total)]);
  if (invoice.paid > 0) summary.push(['Betaald', formatEuroDutch(-invoice.paid)]);
  if (invoice.credited > 0) summary.push(['Gecrediteerd', formatEuroDutch(-invoice.credited)]);
  summary.push(['Te betalen', formatEuroDutch(openAmount(invoice))]);
  // The totals and the payment request stay together on one page.
  if (y + 12 + summary.length * 14 + 60 > bottomOf(doc)) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc.moveTo(300, y + 4).lineTo(545, y + 4).strokeColor(ORANGE).stroke();
  y += 12;
  summary.forEach(([label, value], index) => {
    const bold = index >= summary.length - 1 || label.startsWith('Totaal');
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, 300, y, { width: 165 });
    doc.text(value, 470, y, { width: 75, align: 'right' });
    y = doc.y + 2;
  });

  doc.font('Helvetica').fontSize(9).fillColor(DARK);
  const open = openAmount(invoice);
  doc.text(
    open > 0
      ? `Graag ontvangen wij ${formatEuroDutch(open)} uiterlijk op ${formatDutchDate(dueDate)} ` +
          `onder vermelding van factuurnummer ${invoice.invoiceNumber}.`
      : `Factuur ${invoice.invoiceNumber} is voldaan; u hoeft niets meer te betalen.`,
    50,
    y + 30,
    { width: 495 },
  );
  doc.end();
  return done;
}

const COLUMNS = {
  description: { x: 50, width: 240 },
  quantity: { x: 300, width: 45 },
  price: { x: 350, width: 75 },
  vat: { x: 430, width: 35 },
  total: { x: 470, width: 75 },
} as const;

function cell(doc: PDFKit.PDFDocument, column: Exclude<keyof typeof COLUMNS, 'description'>, text: string, y: number): void {
  doc.text(text, COLUMNS[column].x, y, { width: COLUMNS[column].width, align: 'right' });
}

/** The column titles, on the first page and again on every page the lines continue on. */
function tableHeader(doc: PDFKit.PDFDocument, y: number): number {
  doc.font('Helvetica-Bold').fontSize(10).fillColor(DARK);
  doc.text('Omschrijving', COLUMNS.description.x, y, { width: COLUMNS.description.width });
  cell(doc, 'quantity', 'Aantal', y);
  cell(doc, 'price', 'Prijs', y);
  cell(doc, 'vat', 'Btw', y);
  cell(doc, 'total', 'Totaal', y);
  doc.moveTo(50, doc.y + 4).lineTo(545, doc.y + 4).strokeColor(ORANGE).stroke();
  doc.font('Helvetica');
  return doc.y + 10;
}

function bottomOf(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}
