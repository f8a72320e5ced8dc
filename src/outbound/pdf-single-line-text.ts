/**
 * A pdfkit document whose `text()` skips pdfkit's line wrapper for a text that is known to fit on
 * its one line, and draws what the wrapper would have drawn, byte for byte
 * (pdf-single-line-text.test.ts compares the documents).
 *
 * Why (docs/benchmarks.md "Clock advance, a third time"): an invoice PDF writes about 60 texts,
 * almost all of them a label, an amount or a date far shorter than its column, each with a width
 * (for right alignment, or in case a name is long). Given a width, pdfkit runs every text through
 * its LineWrapper: the Unicode line breaking algorithm over the text, a measure of every word and
 * a handful of events per line, about 8% of the PDF thread's samples in the advance's profile, to
 * find the single line that was always going to come out. Measured by CPU time, this class takes
 * 0.89–0.94 × the time per invoice PDF (loaded machine, rounds alternating with the revision
 * before).
 *
 * The short way is taken only for a string without a line feed or soft hyphen, with no options
 * but `width` and a left or right `align`, no continued text pending, well above the page's bottom
 * margin (so the wrapper would not have broken the page either), and narrower than its width by a
 * margin larger than any kerning the wrapper's word-by-word measure leaves out (it measures each
 * word alone, so a kerning pair across a break is not counted). Everything else, and every text
 * that might wrap, goes through pdfkit as before. What the short way leaves behind is what the
 * wrapper leaves: the text drawn at the same place, `x` back at the start, `y` one line lower.
 */
import { StandardFontsKeptDocument } from './pdf-standard-fonts.js';

/** The parts of pdfkit's text state this reads (not public API; TextMixin and LineWrapper). */
interface PdfKitTextState {
  _wrapper: unknown;
  _textOptions: unknown;
  _lineGap: number | undefined;
  _fontSize: number;
  page: { maxY(): number };
}

/**
 * Per word edge, more than the largest kerning pair of any of the 14 standard fonts' AFM files
 * (180/1000 em, Helvetica's P comma); the invoice uses no other fonts.
 */
const KERNING_MARGIN_EM = 0.25;
/** Characters after which the line breaking algorithm may break: every one is a word edge. */
const BREAK_CHARACTERS = /[\s\-‐–—/?!)\]}%]/g;

type TextCall = (this: PDFKit.PDFDocument, text: string, x?: number | PDFKit.Mixins.TextOptions, y?: number | PDFKit.Mixins.TextOptions, options?: PDFKit.Mixins.TextOptions) => PDFKit.PDFDocument;

export class SingleLineTextDocument extends StandardFontsKeptDocument {
  override text(text: string, x?: number | PDFKit.Mixins.TextOptions, y?: number | PDFKit.Mixins.TextOptions, options?: PDFKit.Mixins.TextOptions): this {
    const superText = super.text as unknown as TextCall;
    // pdfkit's two forms: text(text, options) and text(text, x, y, options).
    const [atX, atY, textOptions] = typeof x === 'object' ? [undefined, undefined, x] : [x, typeof y === 'number' ? y : undefined, options];
    const startX = atX ?? this.x;
    const startY = atY ?? this.y;
    const width = textOptions?.width;
    const align = textOptions?.align;
    const state = this as unknown as PdfKitTextState;
    const lineGap = state._lineGap || 0;
    const lineHeight = this.currentLineHeight(true);
    const plain =
      typeof text === 'string' && text !== '' && !text.includes('\n') && !text.includes('\u00ad') &&
      textOptions !== undefined && Object.keys(textOptions).every((key) => key === 'width' || key === 'align') &&
      typeof width === 'number' && Number.isFinite(width) && width > 0 &&
      (align === undefined || align === 'left' || align === 'right') &&
      !state._wrapper && !state._textOptions &&
      startY + 2 * lineHeight + lineGap < state.page.maxY() - 1;
    if (!plain) return superText.call(this, text, x, y, options) as this;
    const breaks = text.match(BREAK_CHARACTERS)?.length ?? 0;
    if (this.widthOfString(text) + KERNING_MARGIN_EM * state._fontSize * (breaks + 1) > width) return superText.call(this, text, x, y, options) as this;
    // The wrapper's line width, in its own arithmetic (no scaling, one column), and its right alignment.
    const lineWidth = (width * 100) / 100;
    const drawX = align === 'right' ? startX + (lineWidth - this.widthOfString(text.replace(/\s+$/, ''))) : startX;
    superText.call(this, text, drawX, startY, { lineBreak: false });
    this.x = startX;
    this.y = startY + lineHeight + lineGap;
    return this;
  }
}
