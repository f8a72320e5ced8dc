/**
 * Reads a PDF the way a customer's viewer would, with Mozilla's PDF.js (pdfjs-dist, its legacy
 * build for Node), so tests need no system tool such as poppler's pdftotext. Parsing fails on a
 * document a viewer could not open; the text comes back one visual line per line, in reading order
 * (top to bottom, left to right), with a space wherever the page shows a gap between two pieces of
 * text, so a table row reads as "Wollen trui 2 € 49,95 21% € 99,90".
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** PDF.js needs the metrics of the 14 standard fonts (our invoices use Helvetica) from its own package. */
const STANDARD_FONTS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

/** Pieces of text whose baselines differ by less than this (in PDF points) sit on one line. */
const SAME_LINE = 2;
/** A horizontal gap wider than this (in PDF points) between two pieces of text reads as a space. */
const WORD_GAP = 1;

export interface PdfContent {
  pageCount: number;
  title: string | undefined;
  /** The text of each page, lines joined with "\n". */
  pages: string[];
  /** All pages' text, joined with "\n". */
  text: string;
}

export async function readPdf(pdf: Uint8Array): Promise<PdfContent> {
  const document = await getDocument({
    // PDF.js takes ownership of the buffer it reads; give it a copy so the caller's bytes stay usable.
    data: new Uint8Array(pdf),
    standardFontDataUrl: STANDARD_FONTS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Errors only: a document that cannot be read rejects; warnings would only clutter test output.
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(toLines(content.items.filter((item): item is TextItem => 'str' in item && item.str !== '')));
    }
    const { info } = (await document.getMetadata()) as { info: { Title?: string } };
    return { pageCount: document.numPages, title: info.Title, pages, text: pages.join('\n') };
  } finally {
    await document.destroy();
  }
}

/** Groups text pieces by baseline and orders them as a reader would see them. */
function toLines(items: TextItem[]): string {
  const pieces = items.map((item) => ({ x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, text: item.str }));
  // PDF y grows upwards: the top line has the largest y.
  pieces.sort((a, b) => b.y - a.y);
  const lines: (typeof pieces)[] = [];
  for (const piece of pieces) {
    const line = lines.at(-1);
    if (line && line[0]!.y - piece.y < SAME_LINE) line.push(piece);
    else lines.push([piece]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let text = '';
      let end = Number.NEGATIVE_INFINITY;
      for (const piece of line) {
        text += text !== '' && piece.x - end > WORD_GAP ? ` ${piece.text}` : piece.text;
        end = piece.x + piece.width;
      }
      return text;
    })
    .join('\n');
}
