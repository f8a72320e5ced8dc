/**
 * A QR code as an 8-bit grey PNG without alpha, for the invoice PDF's SEPA payment code.
 *
 * Why not qrcode's own PNG (docs/benchmarks.md "Test clock advance and timer runner"): it writes
 * RGBA and lets pngjs try all five row filters on every row, and pdfkit must then decode an image
 * with alpha pixel by pixel to split the alpha off. Of a 23 ms invoice PDF that took 20 ms (8 to
 * make the PNG, 12 to embed it). A grey PNG without alpha goes into the PDF as it is (its IDAT
 * with a PNG predictor), and a QR code has no colour or transparency to lose. Measured on this
 * machine: 3.5 ms for code and embedding together.
 */
import { constants, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

export interface QrPngOptions {
  /** EPC069-12 §3 asks for level M. */
  errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H';
  /** Light modules around the code (the quiet zone); 4 is the standard's minimum. */
  margin: number;
  /** Pixels per module. */
  scale: number;
}

export function qrPng(text: string, options: QrPngOptions): Buffer {
  const { size, data: modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel }).modules;
  const { margin, scale } = options;
  const side = (size + 2 * margin) * scale;
  // One filter byte per row, then one byte per pixel. Every row uses filter 2 ("Up": each byte
  // minus the one above it), so the rows that repeat the one above within a module are all zeros,
  // as Buffer.alloc leaves them: only the first pixel row of each module row is computed. It is
  // drawn a module at a time (filling its pixels), from qrcode's modules as a flat array (1 is
  // dark, row after row), rather than pixel by pixel through a method call each; the same bytes,
  // and a gain inside the noise of a loaded machine (docs/benchmarks.md "Clock advance, a third
  // time").
  const stride = side + 1;
  const raw = Buffer.alloc(stride * side);
  for (let y = 0; y < side; y += 1) raw[y * stride] = 2;
  // PNG counts zeros above the first row.
  let above = Buffer.alloc(side);
  let row = Buffer.alloc(side);
  for (let moduleRow = -margin; moduleRow < size + margin; moduleRow++) {
    row.fill(255);
    if (moduleRow >= 0 && moduleRow < size) {
      for (let column = 0; column < size; column++) {
        if (modules[moduleRow * size + column]) row.fill(0, (column + margin) * scale, (column + margin + 1) * scale);
      }
    }
    const at = (moduleRow + margin) * scale * stride + 1;
    for (let x = 0; x < side; x++) raw[at + x] = (row[x]! - above[x]!) & 0xff;
    [above, row] = [row, above];
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type 0: grey, no alpha
  // compression 0, filter method 0, no interlace: bytes 10-12 stay 0
  // Run-length matches only (Z_RLE): the filtered rows are zeros and runs of one value as long as
  // a module, which is all that zlib's default search finds here too, at 7 times its cost: 540 →
  // 72 µs for the invoice's code (270 × 270 pixels), and 1,311 bytes against 1,337. The pixels
  // are the same; only how the deflate stream spells them differs.
  const idat = deflateSync(raw, { strategy: constants.Z_RLE });
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** CRC-32 of PNG chunks (ISO 3309, as the PNG specification's annex D computes it). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
