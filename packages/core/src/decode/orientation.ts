import type { RawImage } from '../image/raw-image.js';
import type { Orientation } from './exif-orientation.js';

/**
 * Where the upright image's pixel (x, y) is found in the stored image of size w×h, per EXIF
 * orientation (0th row / 0th column as TIFF 6.0 defines them). 5–8 swap width and height.
 */
const SOURCE: Record<Orientation, (x: number, y: number, w: number, h: number) => number> = {
  1: (x, y, w) => y * w + x,
  2: (x, y, w) => y * w + (w - 1 - x),
  3: (x, y, w, h) => (h - 1 - y) * w + (w - 1 - x),
  4: (x, y, w, h) => (h - 1 - y) * w + x,
  5: (x, y, w) => x * w + y,
  6: (x, y, w, h) => (h - 1 - x) * w + y,
  7: (x, y, w, h) => (h - 1 - x) * w + (w - 1 - y),
  8: (x, y, w) => x * w + (w - 1 - y),
};

/** The image turned upright as its EXIF orientation says (1 returns it unchanged). */
export function applyOrientation(image: RawImage, orientation: Orientation): RawImage {
  if (orientation === 1) return image;
  const { width: w, height: h, channels: c, data } = image;
  const swap = orientation >= 5;
  const width = swap ? h : w;
  const height = swap ? w : h;
  const source = SOURCE[orientation];
  const out = new Uint8Array(data.length);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += c) {
      const s = source(x, y, w, h) * c;
      for (let k = 0; k < c; k++) out[o + k] = data[s + k];
    }
  }
  return { width, height, channels: c, data: out };
}

/** The orientation that undoes `orientation` (6 and 8 undo each other; every other one undoes itself): for making test images stored turned. */
export function inverseOrientation(orientation: Orientation): Orientation {
  return orientation === 6 ? 8 : orientation === 8 ? 6 : orientation;
}
