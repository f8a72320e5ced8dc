import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import PDFDocument from 'pdfkit';
import { StandardFontsKeptDocument } from './pdf-standard-fonts.js';

type DocumentClass = new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;
const PlainDocument = PDFDocument as unknown as DocumentClass;

/** pdfkit dates a document and derives its file id from that date: both held still here. */
const CREATED = new Date('2026-11-24T09:00:00Z');

/** Text whose width depends on kerning (AV, Ty, "W.") in every standard font it switches between. */
async function render(Document: DocumentClass, variant: number): Promise<{ pdf: Buffer; widths: number[] }> {
  const doc = new Document({ size: 'A4', margin: 50, info: { Title: `Document ${variant}`, CreationDate: CREATED } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const widths: number[] = [];
  const sample = `AVATAR Type W. Yoyo ${variant} — € 1.234,56 «Tý»`;
  for (const font of ['Helvetica', 'Helvetica-Bold', 'Times-Roman', 'Helvetica', 'Courier-Oblique', 'Helvetica-Bold']) {
    doc.font(font).fontSize(9 + variant);
    widths.push(doc.widthOfString(sample), doc.currentLineHeight(true));
    doc.text(sample, { width: 180 + variant, align: variant % 2 ? 'right' : 'justify' });
  }
  // A name registered for another font is pdfkit's to resolve, as before.
  doc.registerFont('Helvetica-Oblique', 'Times-Italic').font('Helvetica-Oblique').text(sample);
  doc.font('Times-Bold', 14).text(sample);
  doc.addPage().font('Helvetica').text(sample.repeat(20), { width: 300 });
  doc.end();
  return { pdf: await done, widths };
}

describe('standard fonts kept across pdfkit documents', () => {
  test('every document is byte for byte the one pdfkit makes on its own, the first and those after it', async () => {
    // Twice over: the second round measures every string from the fonts' kept measurements.
    for (let round = 0; round < 8; round++) {
      const variant = round % 4;
      const plain = await render(PlainDocument, variant);
      const kept = await render(StandardFontsKeptDocument, variant);
      assert.deepEqual(kept.widths, plain.widths);
      assert.equal(kept.pdf.equals(plain.pdf), true, `document ${variant} differs from pdfkit's own`);
    }
  });

  test("a later document reuses the first one's metrics and gets ids of its own", async () => {
    const first = new StandardFontsKeptDocument().font('Helvetica-Bold');
    const second = new StandardFontsKeptDocument().font('Helvetica-Bold');
    const fontOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { font: object; id: string; document: unknown } })._font;
    // A pdfkit whose standard fonts no longer have the shape this relies on fails here: nothing is kept then.
    assert.equal(fontOf(second).font, fontOf(first).font);
    assert.notEqual(fontOf(second), fontOf(first));
    assert.equal(fontOf(second).document, second);
    assert.equal(fontOf(second).id, 'F2');
  });
});
