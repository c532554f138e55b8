import { INK, renderStrokes } from './render.js';
import type { Stroke } from './strokes.js';

/**
 * The side of the image the page sends and classifies, in pixels. The strokes are re-rendered at this
 * fixed size rather than read off the screen canvas, so a drawing gives the same pixels on a 360 px
 * phone at 3x and on a desktop at 1x, and the API and the in-browser model see identical bytes. 256 px
 * keeps the line smooth after core crops to the ink and shrinks to the model's input, and the JSON body
 * small (256*256*4 bytes, ~350 kB as base64).
 */
export const SNAPSHOT_SIDE = 256;

/** The drawing as RGBA pixels, opaque white paper with dark ink. */
export function snapshot(strokes: readonly Stroke[], side = SNAPSHOT_SIDE): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  renderStrokes(ctx, strokes, side, INK);
  return ctx.getImageData(0, 0, side, side);
}
