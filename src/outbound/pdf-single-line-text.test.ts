import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import PDFDocument from 'pdfkit';
import { SingleLineTextDocument } from './pdf-single-line-text.js';

type DocumentClass = new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;
const PlainDocument = PDFDocument as unknown as DocumentClass;

/** pdfkit dates a document and derives its file id from that date: both held still here. */
const CREATED = new Date('2026-11-24T09:00:00Z');

/**
 * Texts as the invoice writes them (labels, amounts, dates, left and right aligned in columns),
 * and the ones that must still go through pdfkit's wrapper: a text just short of its width, one
 * that wraps, one with a line feed or a soft hyphen, one near the page's bottom, options the short
 * way does not know. Returns the PDF and where each text left the document's position.
 */
async function render(Document: DocumentClass, variant: number): Promise<{ pdf: Buffer; positions: number[] }> {
  const doc = new Document({ size: 'A4', margin: 50, info: { Title: `Document ${variant}`, CreationDate: CREATED } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const positions: number[] = [];
  const note = () => positions.push(doc.x, doc.y);
  const amount = `€ ${variant}.234,56`;
  doc.font('Helvetica-Bold').fontSize(20).text('Factuur', 50, 50);
  note();
  doc.font('Helvetica').fontSize(10 + variant);
  doc.text('Winkel BV', 300, 50, { width: 245, align: 'right' });
  note();
  doc.text('Damrak 1', 300, doc.y, { width: 245, align: 'right' });
  note();
  doc.text('Anna de Vries', { width: 240 });
  note();
  doc.text(amount, 465, 200, { width: 80, align: 'right' });
  note();
  doc.text(`Te betalen ${amount}   `, 280, doc.y, { width: 185, align: 'right' });
  note();
  doc.font('Helvetica-Bold').text('AVATAR Type W. Yoyo', 50, 260, { width: 110 });
  note();
  // Wider than its column, or within the kerning margin of it: the wrapper's, as before.
  const sample = 'AV Ty W. Yo To Va';
  doc.font('Helvetica').text(sample, 50, 300, { width: doc.widthOfString(sample) + 0.5 });
  note();
  doc.text('Een omschrijving die zeker niet op een regel van deze breedte past', 50, 330, { width: 120 });
  note();
  doc.text('twee\nregels', 50, 400, { width: 200 });
  note();
  doc.text('zacht\u00adafbreek', 50, 440, { width: 200 });
  note();
  doc.text('gecentreerd', 50, 470, { width: 200, align: 'center' });
  note();
  doc.text('met regelafstand', 50, 490, { width: 200, lineGap: 3 });
  note();
  doc.text('zonder breedte', 50, 510);
  note();
  // At the bottom margin pdfkit's wrapper moves on to a new page.
  doc.text('onderaan', 50, doc.page.height - doc.page.margins.bottom - 5, { width: 200 });
  note();
  doc.fontSize(9).text(`Online betalen: https://pay.example/pay/${'t'.repeat(20 + variant)}`, 50, 100, { width: 495 });
  note();
  doc.end();
  return { pdf: await done, positions };
}

describe('single-line texts drawn without pdfkit line wrapper', () => {
  test('give the same PDF, byte for byte, and the same position after every text as pdfkit on its own', async () => {
    for (let variant = 0; variant < 4; variant++) {
      const plain = await render(PlainDocument, variant);
      const short = await render(SingleLineTextDocument, variant);
      assert.deepEqual(short.positions, plain.positions);
      assert.equal(short.pdf.equals(plain.pdf), true, `document ${variant} differs from pdfkit's own`);
    }
  });
});
