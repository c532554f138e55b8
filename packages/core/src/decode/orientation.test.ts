import { crc32 } from 'node:zlib';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode.js';
import { readOrientation, type Orientation } from './exif-orientation.js';
import { applyOrientation, inverseOrientation } from './orientation.js';

/** A TIFF structure (EXIF's payload) whose IFD0 holds one orientation entry. */
function tiff(orientation: number, littleEndian = true): Uint8Array {
  const b = new Uint8Array(26);
  const v = new DataView(b.buffer);
  b.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]);
  v.setUint16(2, 42, littleEndian);
  v.setUint32(4, 8, littleEndian);
  v.setUint16(8, 1, littleEndian);
  v.setUint16(10, 0x0112, littleEndian);
  v.setUint16(12, 3, littleEndian);
  v.setUint32(14, 1, littleEndian);
  v.setUint16(18, orientation, littleEndian);
  return b;
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 4);
  out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  out.set(payload, 4);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

/** A JPEG with the given APP segments inserted right after SOI. */
const plainJpegs = new Map<string, Uint8Array>();
function jpegWith(width: number, height: number, ...segments: Uint8Array[]): Uint8Array {
  const key = `${width}x${height}`;
  if (!plainJpegs.has(key)) {
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 ? 255 : 128));
    plainJpegs.set(key, new Uint8Array(jpeg.encode({ width, height, data: rgba }, 90).data));
  }
  const plain = plainJpegs.get(key)!;
  return concat(plain.subarray(0, 2), ...segments, plain.subarray(2));
}
const exifApp1 = (orientation: number, littleEndian = true) => segment(0xe1, concat(new TextEncoder().encode('Exif\0\0'), tiff(orientation, littleEndian)));

/** A PNG with an eXIf chunk before its image data. */
function pngWithExif(width: number, height: number, gray: Uint8Array, orientation: number): Uint8Array {
  const png = encodePng({ width, height, channels: 1, depth: 8, data: gray });
  const body = concat(new TextEncoder().encode('eXIf'), tiff(orientation, false));
  const chunk = new Uint8Array(body.length + 8);
  const v = new DataView(chunk.buffer);
  v.setUint32(0, body.length - 4);
  chunk.set(body, 4);
  v.setUint32(body.length + 4, crc32(body));
  const ihdrEnd = 8 + 25;
  return concat(png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd));
}

// The stored image   a b c    (3×2, one gray channel; a..f = 1..6)
//                    d e f
// and how a viewer shows it for each orientation (TIFF 6.0: where the 0th row and column go).
const STORED = { width: 3, height: 2, channels: 1 as const, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
const UPRIGHT: Record<Orientation, { width: number; rows: number[][] }> = {
  1: { width: 3, rows: [[1, 2, 3], [4, 5, 6]] },
  2: { width: 3, rows: [[3, 2, 1], [6, 5, 4]] },
  3: { width: 3, rows: [[6, 5, 4], [3, 2, 1]] },
  4: { width: 3, rows: [[4, 5, 6], [1, 2, 3]] },
  5: { width: 2, rows: [[1, 4], [2, 5], [3, 6]] },
  6: { width: 2, rows: [[4, 1], [5, 2], [6, 3]] },
  7: { width: 2, rows: [[6, 3], [5, 2], [4, 1]] },
  8: { width: 2, rows: [[3, 6], [2, 5], [1, 4]] },
};
const ORIENTATIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

describe('applyOrientation', () => {
  it.each(ORIENTATIONS)('turns orientation %i upright', (o) => {
    const out = applyOrientation(STORED, o);
    expect({ width: out.width, height: out.height, data: Array.from(out.data) }).toEqual({ width: UPRIGHT[o].width, height: UPRIGHT[o].rows.length, data: UPRIGHT[o].rows.flat() });
  });

  it('moves whole pixels, not single channels', () => {
    const rgb = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(Array.from(applyOrientation(rgb, 2).data)).toEqual([4, 5, 6, 1, 2, 3]);
    expect(applyOrientation(rgb, 6)).toMatchObject({ width: 1, height: 2 });
  });
});

describe('readOrientation', () => {
  it('reads the EXIF tag of a JPEG in either byte order, past an XMP APP1', () => {
    const xmp = segment(0xe1, new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>'));
    for (const o of ORIENTATIONS) {
      expect(readOrientation(jpegWith(4, 4, exifApp1(o)), 'jpeg')).toBe(o);
      expect(readOrientation(jpegWith(4, 4, xmp, exifApp1(o, false)), 'jpeg')).toBe(o);
    }
  });

  it('treats no EXIF, a bad value or a cut EXIF block as upright', () => {
    expect(readOrientation(jpegWith(4, 4), 'jpeg')).toBe(1);
    expect(readOrientation(jpegWith(4, 4, exifApp1(0)), 'jpeg')).toBe(1);
    expect(readOrientation(jpegWith(4, 4, exifApp1(9)), 'jpeg')).toBe(1);
    const cut = segment(0xe1, concat(new TextEncoder().encode('Exif\0\0'), tiff(6).subarray(0, 12)));
    expect(readOrientation(jpegWith(4, 4, cut), 'jpeg')).toBe(1);
  });

  it("reads a PNG's eXIf chunk", () => {
    expect(readOrientation(pngWithExif(3, 2, STORED.data, 6), 'png')).toBe(6);
    expect(readOrientation(encodePng({ width: 1, height: 1, channels: 1, depth: 8, data: Uint8Array.of(0) }), 'png')).toBe(1);
  });
});

describe('decodeImage applies the orientation', () => {
  it.each(ORIENTATIONS)('PNG with eXIf orientation %i decodes upright', (o) => {
    const out = decodeImage(pngWithExif(3, 2, STORED.data, o));
    expect({ width: out.width, data: Array.from(out.data) }).toEqual({ width: UPRIGHT[o].width, data: UPRIGHT[o].rows.flat() });
  });

  it('JPEG with orientation 6 or 8 swaps width and height', () => {
    expect(decodeImage(jpegWith(16, 8, exifApp1(6)))).toMatchObject({ width: 8, height: 16 });
    expect(decodeImage(jpegWith(16, 8, exifApp1(8, false)))).toMatchObject({ width: 8, height: 16 });
    expect(decodeImage(jpegWith(16, 8, exifApp1(3)))).toMatchObject({ width: 16, height: 8 });
  });
});

describe('inverseOrientation', () => {
  it.each(ORIENTATIONS)('undoes orientation %i', (o) => {
    expect(applyOrientation(applyOrientation(STORED, o), inverseOrientation(o))).toEqual(STORED);
  });
});
