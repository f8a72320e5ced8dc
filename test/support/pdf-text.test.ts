/**
 * The PDF reader the invoice tests rely on: it must read what a viewer shows, in reading order,
 * and refuse a document a viewer could not open, or those tests could pass on a broken PDF.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import PDFDocument from 'pdfkit';
import { readPdf } from './pdf-text.js';

function twoPagePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Factuur 1TST42' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(10);
  // Written out of reading order: the right-hand column first, the lower line before the upper.
  doc.text('€ 99,90', 450, 120);
  doc.text('Verzendkosten', 50, 140);
  doc.text('Wollen trui', 50, 120);
  doc.text('2', 300, 120);
  doc.addPage();
  doc.text('Te betalen € 104,85', 50, 50);
  doc.end();
  return done;
}

describe('reading a PDF in tests', () => {
  test('gives the page count, the title and each page as lines top to bottom, left to right', async () => {
    const content = await readPdf(await twoPagePdf());
    assert.equal(content.pageCount, 2);
    assert.equal(content.title, 'Factuur 1TST42');
    assert.deepEqual(content.pages, ['Wollen trui 2 € 99,90\nVerzendkosten', 'Te betalen € 104,85']);
    assert.equal(content.text, 'Wollen trui 2 € 99,90\nVerzendkosten\nTe betalen € 104,85');
  });

  test('refuses a truncated document and bytes that are no PDF at all', async () => {
    const pdf = await twoPagePdf();
    await assert.rejects(readPdf(pdf.subarray(0, Math.floor(pdf.length / 3))));
    await assert.rejects(readPdf(Buffer.from('%PDF-1.3 but nothing else')));
  });
});
