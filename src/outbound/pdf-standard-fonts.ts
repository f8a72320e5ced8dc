/**
 * A pdfkit document that builds each standard font's metrics once per thread instead of once per
 * document (docs/benchmarks.md "Test clock advance and timer runner").
 *
 * Why: pdfkit opens a standard font anew in every document it makes, and opening one expands its
 * packed AFM metrics into a table of about 300 glyph widths and one of about 2,700 kerning pairs.
 * An invoice opens Helvetica and Helvetica-Bold: that was a fifth of the invoice PDF's CPU (1.4 of
 * 7 ms per PDF in a profile of 1,000 PDFs on a loaded machine), the largest single cost in it. The
 * metrics never change and pdfkit only reads them; what belongs to one document is the font's id
 * in it (F1, F2, ...) and the PDF object it writes at the end.
 *
 * pdfkit has no public cache for this (`registerFont` only names a source, which is opened anew in
 * every document), so this class overrides the documented `font()`: before pdfkit looks a standard
 * font up in the document's own font table (pdfkit's FontsMixin, `_fontFamilies`), it puts there
 * a font object made as pdfkit's StandardFont constructor makes one, with the same prototype, the
 * metrics kept from the first document, and this document's own next id, as pdfkit would number
 * it. pdfkit then finds it as it finds a font the document used before. The PDF is the same byte
 * for byte (pdf-standard-fonts.test.ts). If a pdfkit version keeps other fields on a standard
 * font than the ones known here, nothing is kept and every document opens its fonts as before.
 * The kept fonts also keep their measurements of the strings they were asked about (measuredOnce).
 */
import PDFDocument from 'pdfkit';

/** The 14 standard Type 1 fonts of PDF 1.7 §9.6.2.2, the only names pdfkit opens as StandardFont. */
const STANDARD_FONT_NAMES: ReadonlySet<string> = new Set([
  'Courier', 'Courier-Bold', 'Courier-BoldOblique', 'Courier-Oblique',
  'Helvetica', 'Helvetica-Bold', 'Helvetica-BoldOblique', 'Helvetica-Oblique',
  'Symbol', 'Times-Bold', 'Times-BoldItalic', 'Times-Italic', 'Times-Roman', 'ZapfDingbats',
]);

/**
 * The fields pdfkit 0.20's StandardFont constructor sets: the document and the id are the
 * document's own, the rest is the same for every document (`font` holds the metrics, which pdfkit
 * only reads). `dictionary` and `embedded` come later, when the document writes the font.
 */
const PER_DOCUMENT_FIELDS = ['document', 'id'] as const;
const SHARED_FIELDS = ['name', 'font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'] as const;
const KNOWN_FIELDS = [...PER_DOCUMENT_FIELDS, ...SHARED_FIELDS].sort().join(',');

interface KeptFont {
  prototype: object;
  shared: Readonly<Record<string, unknown>>;
}

/**
 * One entry per standard font name, so at most 14 (bounded by STANDARD_FONT_NAMES); each worker
 * thread has its own. `null`: this pdfkit's font object was not of the known shape, never kept.
 */
const keptFonts = new Map<string, KeptFont | null>();

/** The parts of pdfkit's FontsMixin this relies on (not public API, see above). */
interface PdfKitFontTable {
  _fontFamilies: Record<string, object | undefined>;
  _fontCount: number;
  _font: object;
  _registeredFonts: Record<string, unknown>;
}

const PdfKitDocument = PDFDocument as unknown as new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

export class StandardFontsKeptDocument extends PdfKitDocument {
  // pdfkit's constructor calls font() for its default font (Helvetica), so this runs from the
  // first font on, and uses nothing of the instance that pdfkit's initFonts has not set.
  override font(src: PDFKit.Mixins.PDFFontSource, familyOrSize?: string | number, size?: number): this {
    const table = this as unknown as PdfKitFontTable;
    const name = typeof src === 'string' && typeof familyOrSize !== 'string' && STANDARD_FONT_NAMES.has(src) && !table._registeredFonts[src] ? src : undefined;
    const opening = name !== undefined && table._fontFamilies[name] === undefined;
    const kept = opening ? keptFonts.get(name) : undefined;
    if (kept) {
      const font = Object.assign(Object.create(kept.prototype) as object, kept.shared, { document: this, id: `F${++table._fontCount}` });
      table._fontFamilies[name!] = font;
    }
    (super.font as (this: this, src: PDFKit.Mixins.PDFFontSource, familyOrSize?: string | number, size?: number) => this).call(this, src, familyOrSize, size);
    if (opening && kept === undefined) keptFonts.set(name!, keepable(table._font));
    return this;
  }
}

/** What a standard font pdfkit just opened shares with every document, if it has the known shape. */
function keepable(font: object): KeptFont | null {
  if (Object.keys(font).sort().join(',') !== KNOWN_FIELDS) return null;
  const fields = font as Record<string, unknown>;
  const prototype = Object.getPrototypeOf(font) as Partial<MeasuringFont>;
  if (typeof prototype.encode !== 'function' || typeof prototype.widthOfString !== 'function') return null;
  const shared = Object.fromEntries(SHARED_FIELDS.map((field) => [field, fields[field]]));
  return { prototype, shared: { ...shared, ...measuredOnce(prototype as MeasuringFont) } };
}

/** The two methods of pdfkit's font interface (PDFFont) through which a document measures and writes text. */
interface MeasuringFont {
  encode(this: object, text: string, features?: unknown): [readonly string[], readonly object[]];
  widthOfString(this: object, text: string, size: number, features?: unknown): number;
}

/** Strings measured per font: about 150 per invoice, most of them the same in every invoice. */
const MEASURED_STRINGS = 2_048;

/**
 * The font's measurements of a string, kept per font in the thread (docs/benchmarks.md "Clock
 * advance, once more"). pdfkit measures every word of a wrapped text and then encodes each line,
 * each time glyph by glyph with a kerning look-up per pair (a string key built per pair in a table
 * of 2,700): a fifth of an invoice PDF's CPU, spent on the same labels, words and digits in every
 * invoice. A standard font's answers depend on the string alone (it has no OpenType features;
 * the width scales with the size as pdfkit scales it, from the width at 1,000 units). The encoding
 * is kept frozen, so a pdfkit that wrote into it would fail loudly instead of changing the next
 * document. Each table is emptied when it is full (MEASURED_STRINGS).
 */
function measuredOnce(font: MeasuringFont): Pick<MeasuringFont, 'encode' | 'widthOfString'> {
  const widths = new Map<string, number>();
  const encodings = new Map<string, [readonly string[], readonly object[]]>();
  return {
    widthOfString(text, size) {
      const key = `${text}`;
      let width = widths.get(key);
      if (width === undefined) {
        if (widths.size >= MEASURED_STRINGS) widths.clear();
        width = font.widthOfString.call(this, key, 1000);
        widths.set(key, width);
      }
      return width * (size / 1000);
    },
    encode(text) {
      const key = `${text}`;
      let encoding = encodings.get(key);
      if (encoding === undefined) {
        if (encodings.size >= MEASURED_STRINGS) encodings.clear();
        const [encoded, positions] = font.encode.call(this, key);
        encoding = Object.freeze([Object.freeze(encoded), Object.freeze(positions.map((position) => Object.freeze(position)))]) as [readonly string[], readonly object[]];
        encodings.set(key, encoding);
      }
      return encoding;
    },
  };
}
