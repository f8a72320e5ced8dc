/**
 * Renders an invoice as a PDF with pdfkit, as a valid Dutch and Belgian invoice (art. 35a Wet OB
 * 1968; art. 53 §2 WBTW with KB nr. 1 art. 5): the seller's name, address, registration and VAT
 * number, the customer, invoice number, issue and delivery date, each line with quantity, unit
 * price excluding VAT and VAT rate, the VAT per rate, the totals, the statement that the claim
 * was assigned to the platform, and how to pay: account, payment reference, due date, the pay
 * page and a SEPA payment QR code (EPC069-12). A reminder or notice puts its letter on a first
 * page before the invoice (docs/collection.md "The invoice PDF").
 */
import type { NoticeText } from '../core/customer-side/notice-text.js';
import { groupedIban, paymentQrPayload, paymentReference, type PlatformAccount } from '../core/customer-side/payment-instructions.js';
import { formatDateFor, formatMoneyFor } from '../core/customer-side/people-format.js';
import { registrationLabel, type Seller } from '../core/customer-side/seller.js';
import type { MailLanguage } from '../core/invoices/life-cycle/types.js';
import type { Invoice } from '../core/orders/invoice.js';
import type { IsoDate } from '../core/shared/dates.js';
import type { Cents } from '../core/shared/money.js';
import { formatVatRate, vatBreakdown, vatContainedIn } from '../core/shared/vat.js';
import { PDF_WORDS, type PdfWords } from './invoice-pdf-words.js';
import { SingleLineTextDocument } from './pdf-single-line-text.js';
import { qrPng } from './qr-png.js';

const ORANGE = '#FF8D29';
const DARK = '#16120D';
const RIGHT = 545;

/** What the PDF reads of an invoice: plain data, copied as it is to a rendering thread. */
export type PdfInvoice = Pick<Invoice, 'invoiceNumber' | 'merchantNumber' | 'customer' | 'lines' | 'total' | 'paid' | 'credited'>;

/** Plain data only (no class instances, no functions), so it crosses to a worker thread intact. */
export interface InvoiceDocument {
  invoice: PdfInvoice;
  seller: Seller;
  language: MailLanguage;
  platform: PlatformAccount;
  payUrl: string | undefined;
  issueDate: IsoDate;
  /** The day the merchant reported the goods shipped (start workflow), else the order date. */
  deliveryDate: IsoDate;
  dueDate: IsoDate;
  /** Open principal plus open costs, and the open costs alone. */
  amountDue: Cents;
  costsDue: Cents;
  /** The letter of a reminder, notice or receipt, on its own first page, and the letter's date. */
  notice: NoticeText | undefined;
  letterDate?: IsoDate | undefined;
  /** The last day to pay that the letter names, when it is not the due date. */
  payBy?: IsoDate | undefined;
  /** Pay now: the due date has passed and no new last day was set (a collection notice, say). */
  payNow?: boolean | undefined;
}

export async function renderInvoicePdf(input: InvoiceDocument): Promise<Buffer> {
  const words = PDF_WORDS[input.language];
  const title = input.notice ? `${input.notice.heading} — ${words.invoice} ${input.invoice.invoiceNumber}` : `${words.invoice} ${input.invoice.invoiceNumber}`;
  const doc = new SingleLineTextDocument({ size: 'A4', margin: 50, info: { Title: title, Author: input.platform.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // The QR code is error correction level M, as EPC069-12 §3 asks; why it is made by qrPng, see there.
  const payload = paymentQrPayload(input.platform, input.invoice.invoiceNumber, input.amountDue);
  const qr = payload ? qrPng(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }) : undefined;

  if (input.notice) {
    letterPage(doc, input, input.notice);
    paymentBlock(doc, input, words, qr, doc.y + 20);
    doc.addPage();
  }
  invoicePages(doc, input, words, qr);
  doc.end();
  return done;
}

function letterPage(doc: PDFKit.PDFDocument, input: InvoiceDocument, notice: NoticeText): void {
  doc.rect(0, 0, doc.page.width, 8).fill(ORANGE);
  doc.fillColor(DARK).font('Helvetica-Bold').fontSize(20).text(notice.heading, 50, 50);
  doc.font('Helvetica').fontSize(10).text(input.platform.name, 300, 50, { width: 245, align: 'right' });
  doc.text(formatDateFor(input.language, input.letterDate ?? input.issueDate), 300, doc.y, { width: 245, align: 'right' });
  doc.moveDown(3);
  doc.x = 50;
  doc.text(notice.greeting, 50, doc.y, { width: 495 });
  for (const paragraph of notice.paragraphs) {
    doc.moveDown(0.8);
    doc.text(paragraph, 50, doc.y, { width: 495 });
  }
  doc.moveDown(0.8);
  doc.text(notice.closing, 50, doc.y, { width: 495 });
}

function invoicePages(doc: PDFKit.PDFDocument, input: InvoiceDocument, words: PdfWords, qr: Buffer | undefined): void {
  const { invoice, seller, language } = input;
  const money = (cents: Cents) => formatMoneyFor(language, cents);
  const date = (iso: IsoDate) => formatDateFor(language, iso);
  doc.rect(0, 0, doc.page.width, 8).fill(ORANGE);
  doc.fillColor(DARK).font('Helvetica-Bold').fontSize(20).text(words.invoice, 50, 50);
  // The seller block: a long trade name wraps and the lines under it follow wherever it ends.
  doc.font('Helvetica-Bold').fontSize(10).text(seller.name, 300, 50, { width: 245, align: 'right' });
  doc.font('Helvetica');
  const sellerLines = [
    ...seller.address,
    ...(seller.registrationNumber ? [`${registrationLabel(seller, language)}: ${seller.registrationNumber}`] : []),
    ...(seller.vatNumber ? [`${words.vatNumber}: ${seller.vatNumber}`] : []),
  ];
  for (const line of sellerLines) doc.text(line, 300, doc.y, { width: 245, align: 'right' });

  const top = Math.max(doc.y, 110) + 20;
  const customer = invoice.customer;
  const address = customer.address;
  doc.font('Helvetica-Bold').text(words.to, 50, top);
  doc.font('Helvetica');
  if (customer.companyName) doc.text(customer.companyName, { width: 240 });
  doc.text([customer.firstName ?? customer.initials, customer.lastName].filter(Boolean).join(' '), { width: 240 });
  doc.text([address.street, address.houseNumber, address.houseExtension].filter(Boolean).join(' '), { width: 240 });
  doc.text(`${address.postalCode} ${address.city ?? ''}`.trim(), { width: 240 });
  doc.text(address.countryCode, { width: 240 });
  if (customer.type === 'B' && customer.vatNumber) doc.text(`${words.customerVatNumber}: ${customer.vatNumber}`, { width: 240 });
  const addressBottom = doc.y;

  const facts: [string, string][] = [
    [words.invoiceNumber, invoice.invoiceNumber],
    [words.yourOrderNumber, invoice.merchantNumber],
    [words.issueDate, date(input.issueDate)],
    [words.deliveryDate, date(input.deliveryDate)],
    [words.dueDate, date(input.dueDate)],
  ];
  // Order numbers run up to 50 characters and wrap; each row starts below the previous one.
  let factsY = top;
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').text(label, 300, factsY, { width: 100 });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(value, 400, factsY, { width: 145, align: 'right' });
    factsY = Math.max(labelBottom, doc.y) + 2;
  }

  let y = tableHeader(doc, words, Math.max(addressBottom, factsY) + 25);
  for (const line of invoice.lines) {
    if (y + doc.heightOfString(line.description, { width: COLUMNS.description.width }) > bottomOf(doc)) {
      doc.addPage();
      y = tableHeader(doc, words, doc.page.margins.top);
    }
    doc.text(line.description, COLUMNS.description.x, y, { width: COLUMNS.description.width });
    const rowBottom = doc.y;
    cell(doc, 'quantity', String(line.quantity), y);
    cell(doc, 'price', money(line.unitPriceInclusive - vatContainedIn(line.unitPriceInclusive, line.vatRate)), y);
    cell(doc, 'vat', `${formatVatRate(line.vatRate)}%`, y);
    cell(doc, 'total', money(line.totalInclusive - vatContainedIn(line.totalInclusive, line.vatRate)), y);
    y = Math.max(rowBottom, doc.y) + 4;
  }

  const breakdown = vatBreakdown(invoice.lines);
  const summary: [string, string][] = [[words.subtotal, money(breakdown.reduce((sum, row) => sum + row.inclusive - row.vat, 0))]];
  for (const row of breakdown) summary.push([words.vatOver(formatVatRate(row.rate), money(row.inclusive - row.vat)), money(row.vat)]);
  summary.push([words.totalInclusive, money(invoice.total)]);
  if (invoice.paid > 0) summary.push([words.paid, money(-invoice.paid)]);
  if (invoice.credited > 0) summary.push([words.credited, money(-invoice.credited)]);
  if (input.costsDue > 0) summary.push([words.costs, money(input.costsDue)]);
  summary.push([words.toPay, money(input.amountDue)]);
  // The totals stay together on one page.
  if (y + 12 + summary.length * 14 > bottomOf(doc)) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc.moveTo(280, y + 4).lineTo(RIGHT, y + 4).strokeColor(ORANGE).stroke();
  y += 12;
  summary.forEach(([label, value], index) => {
    doc.font(index === summary.length - 1 || label === words.totalInclusive ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, 280, y, { width: 185 });
    doc.text(value, 465, y, { width: 80, align: 'right' });
    y = doc.y + 2;
  });
  paymentBlock(doc, input, words, qr, y + 20);
}

/** The assignment statement and how to pay: account, reference, due date, pay page and QR code. */
function paymentBlock(doc: PDFKit.PDFDocument, input: InvoiceDocument, words: PdfWords, qr: Buffer | undefined, startY: number): void {
  const assigned = input.language === 'nl'
    ? `${input.seller.name} heeft deze vordering overgedragen aan ${input.platform.name}. U betaalt alleen aan ${input.platform.name} bevrijdend (art. 3:94 BW).`
    : `${input.seller.name} has assigned this claim to ${input.platform.name}. Only a payment to ${input.platform.name} discharges you (art. 3:94 of the Dutch Civil Code).`;
  let y = startY;
  const needed = qr ? 170 : 110;
  if (y + needed > bottomOf(doc)) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc.font('Helvetica').fontSize(9).fillColor(DARK).text(assigned, 50, y, { width: 495 });
  y = doc.y + 12;
  if (input.amountDue <= 0) {
    doc.text(words.settled(input.invoice.invoiceNumber), 50, y, { width: 495 });
    return;
  }
  const money = formatMoneyFor(input.language, input.amountDue);
  const lines: [string, string][] = [
    ['IBAN', groupedIban(input.platform.iban)],
    ...(input.platform.bic ? ([['BIC', input.platform.bic]] as [string, string][]) : []),
    [words.accountHolder, input.platform.accountHolder],
    [words.reference, paymentReference(input.invoice.invoiceNumber).text],
    // A last day that has already passed is no instruction: an overdue invoice is due now.
    input.payBy || !(input.payNow || (input.letterDate !== undefined && input.dueDate < input.letterDate))
      ? [words.payBy, formatDateFor(input.language, input.payBy ?? input.dueDate)]
      : [words.payWhen, words.now],
    [words.toPay, money],
  ];
  doc.font('Helvetica-Bold').fontSize(11).text(words.howToPay, 50, y);
  y = doc.y + 4;
  const gridTop = y;
  doc.fontSize(9);
  for (const [label, value] of lines) {
    doc.font('Helvetica-Bold').text(label, 50, y, { width: 110 });
    const labelBottom = doc.y;
    doc.font('Helvetica').text(value, 160, y, { width: qr ? 240 : 385 });
    y = Math.max(labelBottom, doc.y) + 2;
  }
  if (qr) {
    doc.image(qr, 425, gridTop - 18, { width: 110 });
    doc.font('Helvetica').fontSize(8).text(words.scan, 425, gridTop + 94, { width: 110, align: 'center' });
    y = Math.max(y, doc.y);
  }
  // The link runs the whole width, so a long token never wraps inside it.
  if (input.payUrl) doc.font('Helvetica').fontSize(9).text(`${words.payOnline}: ${input.payUrl}`, 50, y + 6, { width: 495 });
}

const COLUMNS = {
  description: { x: 50, width: 220 },
  quantity: { x: 275, width: 45 },
  price: { x: 325, width: 80 },
  vat: { x: 410, width: 40 },
  total: { x: 455, width: 90 },
} as const;

function cell(doc: PDFKit.PDFDocument, column: Exclude<keyof typeof COLUMNS, 'description'>, text: string, y: number): void {
  doc.text(text, COLUMNS[column].x, y, { width: COLUMNS[column].width, align: 'right' });
}

/** The column titles, on the first page and again on every page the lines continue on. */
function tableHeader(doc: PDFKit.PDFDocument, words: PdfWords, y: number): number {
  doc.font('Helvetica-Bold').fontSize(10).fillColor(DARK);
  doc.text(words.description, COLUMNS.description.x, y, { width: COLUMNS.description.width });
  cell(doc, 'quantity', words.quantity, y);
  cell(doc, 'price', words.unitPrice, y);
  cell(doc, 'vat', words.vatRate, y);
  cell(doc, 'total', words.amount, y);
  doc.moveTo(50, doc.y + 4).lineTo(RIGHT, doc.y + 4).strokeColor(ORANGE).stroke();
  doc.font('Helvetica');
  return doc.y + 10;
}

function bottomOf(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}
