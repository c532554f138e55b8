import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { checkImageSize, decodeImage, ImageDecodeError } from './decode.js';
import { readImageHeader, sniffFormat } from './sniff.js';

const rgba = (w: number, h: number) => Uint8Array.from({ length: w * h * 4 }, (_, i) => (i % 4 === 3 ? 200 : (i * 7) % 256));
const pngBytes = (w: number, h: number) => encodePng({ width: w, height: h, channels: 4, depth: 8, data: rgba(w, h) });
const jpegBytes = (w: number, h: number) => new Uint8Array(jpeg.encode({ width: w, height: h, data: rgba(w, h) }, 90).data);

/** A PNG whose header claims width x height but has no pixel data worth the name. */
function hugePngHeader(width: number, height: number): Uint8Array {
  const bytes = pngBytes(1, 1).slice();
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ImageDecodeError ? err.code : `other: ${String(err)}`;
  }
  return undefined;
}

describe('sniff and header', () => {
  it('tells formats by their magic bytes', () => {
    expect(sniffFormat(pngBytes(2, 2))).toBe('png');
    expect(sniffFormat(jpegBytes(2, 2))).toBe('jpeg');
    expect(sniffFormat(new TextEncoder().encode('GIF89a......'))).toBe('gif');
    expect(sniffFormat(new TextEncoder().encode('hello'))).toBeNull();
  });

  it('reads the size from PNG and JPEG headers without decoding', () => {
    expect(readImageHeader(pngBytes(7, 3))).toEqual({ format: 'png', width: 7, height: 3 });
    expect(readImageHeader(jpegBytes(17, 9))).toEqual({ format: 'jpeg', width: 17, height: 9 });
    expect(readImageHeader(pngBytes(7, 3).slice(0, 20))).toBeNull();
  });
});

describe('decodeImage', () => {
  it('decodes PNG (RGBA kept) and JPEG (RGB)', () => {
    const png = decodeImage(pngBytes(5, 4));
    expect(png).toMatchObject({ width: 5, height: 4, channels: 4 });
    expect(Array.from(png.data)).toEqual(Array.from(rgba(5, 4)));
    expect(decodeImage(jpegBytes(6, 3))).toMatchObject({ width: 6, height: 3, channels: 3 });
  });

  it('expands grayscale+alpha and palette PNGs to RGBA', () => {
    const ga = encodePng({ width: 2, height: 1, channels: 2, depth: 8, data: Uint8Array.from([10, 255, 200, 0]) });
    expect(Array.from(decodeImage(ga).data)).toEqual([10, 10, 10, 255, 200, 200, 200, 0]);
  });

  it('refuses a huge declared size before decoding', () => {
    const bytes = hugePngHeader(20000, 20000);
    expect(bytes.length).toBeLessThan(100);
    expect(codeOf(() => decodeImage(bytes))).toBe('too-large');
    expect(() => checkImageSize(bytes)).toThrow(/20000x20000/);
    expect(codeOf(() => decodeImage(pngBytes(100, 10), { maxPixels: 999 }))).toBe('too-large');
  });

  it('names empty, unknown, truncated and corrupt input', () => {
    expect(codeOf(() => decodeImage(new Uint8Array(0)))).toBe('empty');
    expect(codeOf(() => decodeImage(new TextEncoder().encode('not an image at all')))).toBe('unsupported-format');
    expect(codeOf(() => decodeImage(new TextEncoder().encode('GIF89a\x01\x00\x01\x00......')))).toBe('unsupported-format');
    const png = pngBytes(40, 40);
    expect(codeOf(() => decodeImage(png.slice(0, png.length - 30)))).toBe('corrupt');
    const jpg = jpegBytes(40, 40);
    expect(codeOf(() => decodeImage(jpg.slice(0, Math.floor(jpg.length / 2))))).toBe('corrupt');
    const flipped = png.slice();
    for (let i = 40; i < flipped.length - 20; i += 7) flipped[i] ^= 0x5a;
    expect(codeOf(() => decodeImage(flipped))).toBe('corrupt');
  });

  it('refuses the JPEG kinds it cannot decode by name, not as corrupt', () => {
    const jpg = jpegBytes(8, 8);
    const sof = jpg.findIndex((b, i) => b === 0xff && jpg[i + 1] === 0xc0);
    const withMarker = (marker: number) => jpg.map((b, i) => (i === sof + 1 ? marker : b));
    for (const [marker, kind] of [[0xc3, 'lossless'], [0xc9, 'arithmetic-coded'], [0xca, 'arithmetic-coded'], [0xc5, 'hierarchical']] as const) {
      expect(() => decodeImage(withMarker(marker))).toThrow(kind);
      expect(codeOf(() => decodeImage(withMarker(marker)))).toBe('unsupported-format');
    }
    const twelveBit = jpg.map((b, i) => (i === sof + 4 ? 12 : b));
    expect(codeOf(() => decodeImage(twelveBit))).toBe('unsupported-format');
    expect(decodeImage(withMarker(0xc1))).toMatchObject({ width: 8, height: 8 });
  });
});
