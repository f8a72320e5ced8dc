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
  doc.font('Helvetica').fontSize(10).text(merchant.name, 350, 50, { width: 195, align: 'right' });
  doc.text('Achteraf betalen', 350, 64, { width: 195, align: 'right' });

  doc.moveDown(3);
  const top = doc.y;
  doc.font('Helvetica-Bold').text('Aan', 50, top);
  doc.font('Helvetica');
  if (customer.companyName) doc.text(customer.companyName);
  doc.text(name);
  doc.text([address.street, address.houseNumber, address.houseExtension].filter(Boolean).join(' '));
  doc.text(`${address.postalCode} ${address.city ?? ''}`.trim());
  doc.text(address.countryCode);

  const facts: [string, string][] = [
    ['Factuurnummer', invoice.invoiceNumber],
    ['Uw ordernummer', invoice.merchantNumber],
    ['Factuurdatum', formatDutchDate(invoice.orderDate)],
    ['Vervaldatum', formatDutchDate(dueDate)],
  ];
  facts.forEach(([label, value], index) => {
    doc.font('Helvetica-Bold').text(label, 320, top + index * 14, { width: 100 });
    doc.font('Helvetica').text(value, 420, top + index * 14, { width: 125, align: 'right' });
  });

  doc.y = Math.max(doc.y, top + 80) + 20;
  const columns = { description: 50, quantity: 300, price: 350, vat: 430, total: 470 };
  const header = doc.y;
  doc.font('Helvetica-Bold');
  doc.text('Omschrijving', columns.description, header, { width: 240 });
  doc.text('Aantal', columns.quantity, header, { width: 45, align: 'right' });
  doc.text('Prijs', columns.price, header, { width: 75, align: 'right' });
  doc.text('Btw', columns.vat, header, { width: 35, align: 'right' });
  doc.text('Totaal', columns.total, header, { width: 75, align: 'right' });
  doc.moveTo(50, doc.y + 4).lineTo(545, doc.y + 4).strokeColor(ORANGE).stroke();
  doc.font('Helvetica');
  let y = doc.y + 10;
  for (const line of invoice.lines) {
    if (y > doc.page.height - 150) {
      doc.addPage();
      y = 50;
    }
    doc.text(line.description, columns.description, y, { width: 240 });
    const rowBottom = doc.y;
    doc.text(String(line.quantity), columns.quantity, y, { width: 45, align: 'right' });
    doc.text(formatEuroDutch(line.unitPriceInclusive), columns.price, y, { width: 75, align: 'right' });
    doc.text(`${formatVatRate(line.vatRate)}%`, columns.vat, y, { width: 35, align: 'right' });
    doc.text(formatEuroDutch(line.totalInclusive), columns.total, y, { width: 75, align: 'right' });
    y = Math.max(rowBottom, doc.y) + 4;
  }

  doc.moveTo(300, y + 4).lineTo(545, y + 4).strokeColor(ORANGE).stroke();
  y += 12;
  const summary: [string, string][] = [];
  for (const row of vatBreakdown(invoice.lines)) {
    summary.push([`Btw ${formatVatRate(row.rate)}% over ${formatEuroDutch(row.inclusive - row.vat)}`, formatEuroDutch(row.vat)]);
  }
  summary.push(['Totaal inclusief btw', formatEuroDutch(invoice.total)]);
  if (invoice.paid > 0) summary.push(['Betaald', formatEuroDutch(-invoice.paid)]);
  if (invoice.credited > 0) summary.push(['Gecrediteerd', formatEuroDutch(-invoice.credited)]);
  summary.push(['Te betalen', formatEuroDutch(openAmount(invoice))]);
  summary.forEach(([label, value], index) => {
    const bold = index >= summary.length - 1 || label.startsWith('Totaal');
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, 300, y, { width: 165 });
    doc.text(value, 470, y, { width: 75, align: 'right' });
    y = doc.y + 2;
  });

  doc.font('Helvetica').fontSize(9).fillColor(DARK);
  doc.text(
    `Graag ontvangen wij ${formatEuroDutch(openAmount(invoice))} uiterlijk op ${formatDutchDate(dueDate)} ` +
      `onder vermelding van factuurnummer ${invoice.invoiceNumber}.`,
    50,
    Math.max(y + 30, doc.y + 30),
    { width: 495 },
  );
  doc.end();
  return done;
}
