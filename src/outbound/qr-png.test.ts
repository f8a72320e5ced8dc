import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { qrPng } from './qr-png.js';

/** jsqr is CommonJS with a default export; under Node's ESM loader it arrives wrapped once more. */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof import('jsqr').default;

const EPC = 'BCD\n002\n1\nSCT\n\nAchteraf Sandbox\nNL91ABNA0417164300\nEUR104.85\n\nRF18539007547034\n\n';

/** The PNG read back as a viewer would: chunks checked, IDAT inflated, filters undone. */
function readGreyPng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  const types: string[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    types.push(type);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.deepEqual([...body.subarray(8)], [8, 0, 0, 0, 0], '8-bit grey, no alpha, no interlace');
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(data));
  assert.equal(raw.length, (width + 1) * height);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)];
    assert.equal(filter, 2, 'every row is filtered Up');
    for (let x = 0; x < width; x++) {
      const above = y === 0 ? 0 : pixels[(y - 1) * width + x]!;
      pixels[y * width + x] = (raw[y * (width + 1) + 1 + x]! + above) & 0xff;
    }
  }
  return { width, height, pixels };
}

describe('the payment QR code as a grey PNG', () => {
  test('decodes to the exact text, as a banking app scanning it would read it', () => {
    const { width, height, pixels } = readGreyPng(qrPng(EPC, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }));
    const rgba = new Uint8ClampedArray(width * height * 4);
    pixels.forEach((grey, index) => rgba.set([grey, grey, grey, 255], index * 4));
    assert.equal(jsQR(rgba, width, height)?.data, EPC);
  });

  test("has qrcode's modules at the scale asked, with the quiet zone around them", () => {
    const { modules } = QRCode.create(EPC, { errorCorrectionLevel: 'M' });
    const { width, pixels } = readGreyPng(qrPng(EPC, { errorCorrectionLevel: 'M', margin: 4, scale: 3 }));
    assert.equal(width, (modules.size + 8) * 3);
    for (let y = 0; y < width; y++) {
      for (let x = 0; x < width; x++) {
        const [row, column] = [Math.floor(y / 3) - 4, Math.floor(x / 3) - 4];
        const dark = row >= 0 && row < modules.size && column >= 0 && column < modules.size && Boolean(modules.get(row, column));
        assert.equal(pixels[y * width + x], dark ? 0 : 255, `pixel ${x},${y}`);
      }
    }
  });
});
