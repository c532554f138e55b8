import sharp from 'sharp';
import { analyseInk } from '../ink.js';

/**
 * A tight crop as a detector or a person with a phone makes it: the image on white cut to the ink's
 * box with no margin, so the strokes touch the crop's edges, then resized: the longer side to `size`
 * px keeping the aspect, or, with `aspect` (width / height), squashed to exactly that shape.
 */
export async function tightCrop(input: Buffer, size: number, aspect?: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const box = a.bbox ?? { x: 0, y: 0, width: a.width, height: a.height };
  const crop = sharp(a.seen, { raw: { width: a.width, height: a.height, channels: 3 } }).extract({ left: box.x, top: box.y, width: box.width, height: box.height });
  if (aspect === undefined) return crop.resize(size, size, { fit: 'inside' }).png().toBuffer();
  const width = aspect >= 1 ? size : Math.max(1, Math.round(size * aspect));
  const height = aspect >= 1 ? Math.max(1, Math.round(size / aspect)) : size;
  return crop.resize(width, height, { fit: 'fill' }).png().toBuffer();
}

/** The longer sides the suite crops to: from a phone photo's crop down to a few pixels. */
export const TIGHT_SIZES = [90, 48, 24, 16, 12, 8] as const;
