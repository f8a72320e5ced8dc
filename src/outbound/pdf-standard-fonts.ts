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
  return { prototype: Object.getPrototypeOf(font) as object, shared: Object.fromEntries(SHARED_FIELDS.map((field) => [field, fields[field]])) };
}
