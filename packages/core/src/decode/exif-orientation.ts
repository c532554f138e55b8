import { jpegSegments } from './jpeg-segments.js';

/**
 * EXIF orientation: how the stored pixels must be turned to stand upright.
 * 1 upright, 2 mirrored left-right, 3 upside down, 4 mirrored top-bottom, 5 transposed,
 * 6 turned 90° clockwise to view, 7 transversed, 8 turned 90° counter-clockwise to view.
 */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;

/**
 * The orientation tag of IFD0 in a TIFF structure (EXIF's payload), or 1 when there is none or it
 * is out of range (as browsers and libvips treat a bad value: as upright).
 */
export function tiffOrientation(b: Uint8Array, start: number, end: number): Orientation {
  if (end - start < 8) return 1;
  const order = String.fromCharCode(b[start], b[start + 1]);
  if (order !== 'II' && order !== 'MM') return 1;
  const view = new DataView(b.buffer, b.byteOffset + start, end - start);
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return 1;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > view.byteLength) return 1;
  const count = view.getUint16(ifd, little);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > view.byteLength) return 1;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    // Type SHORT (3), one value, stored in the first two bytes of the value field.
    if (view.getUint16(entry + 2, little) !== 3) return 1;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

/** JPEG: the first APP1 segment that starts with "Exif\0\0" (XMP also lives in APP1). */
function jpegOrientation(b: Uint8Array): Orientation {
  for (const s of jpegSegments(b)) {
    if (s.marker !== 0xe1 || s.end - s.start < 14) continue;
    if (EXIF_HEADER.every((v, k) => b[s.start + k] === v)) return tiffOrientation(b, s.start + 6, s.end);
  }
  return 1;
}

/** PNG: an eXIf chunk (before IDAT, per the PNG 1.5 extensions) holds the TIFF structure directly. */
function pngOrientation(b: Uint8Array): Orientation {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  while (i + 8 <= b.length) {
    const length = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (type === 'IDAT' || type === 'IEND') return 1;
    if (type === 'eXIf') return tiffOrientation(b, i + 8, Math.min(b.length, i + 8 + length));
    i += 12 + length;
  }
  return 1;
}

/** The EXIF orientation of a PNG or JPEG file; 1 (upright) when it has none. */
export function readOrientation(bytes: Uint8Array, format: 'png' | 'jpeg'): Orientation {
  return format === 'jpeg' ? jpegOrientation(bytes) : pngOrientation(bytes);
}
