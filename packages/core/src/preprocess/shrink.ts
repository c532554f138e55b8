import type { RawImage } from '../image/raw-image.js';
import type { Plane } from './ink.js';
import { axisTaps } from './resize.js';
import { scratchF32, scratchF64 } from './scratch.js';

/** Composites one source row onto the background into `line` (RGB, 0–255). */
function compositeRow(data: Uint8Array, offset: number, width: number, channels: number, background: readonly [number, number, number], line: Float64Array): void {
  if (channels === 1) {
    for (let x = 0, o = 0; x < width; x++, o += 3) line[o] = line[o + 1] = line[o + 2] = data[offset + x];
  } else if (channels === 3) {
    for (let x = 0, s = offset; x < width * 3; x++, s++) line[x] = data[s];
  } else {
    const [br, bg, bb] = background;
    for (let x = 0, s = offset, o = 0; x < width; x++, s += 4, o += 3) {
      const a = data[s + 3] / 255;
      const b = 1 - a;
      line[o] = data[s] * a + br * b;
      line[o + 1] = data[s + 1] * a + bg * b;
      line[o + 2] = data[s + 2] * a + bb * b;
    }
  }
}

/**
 * Composites a large image onto `background` and shrinks it to dstWidth × dstHeight by area
 * averaging, one source row at a time: each row is composited and shrunk across once, then added
 * into the one or two output rows it overlaps. No full-size float copy of a photo is made (allocating
 * one costs more than the arithmetic, and a Worker has 128 MB).
 */
export function shrinkComposite(image: RawImage, background: readonly [number, number, number], dstWidth: number, dstHeight: number): Plane {
  const { width, height, channels } = image;
  const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  const xt = axisTaps(width, dstWidth, 'area');
  const yt = axisTaps(height, dstHeight, 'area');
  // For each source row, the (at most two, the scale being above 1) output rows it adds to, and weights.
  const targetRow = new Int32Array(height * 2).fill(-1);
  const targetWeight = new Float64Array(height * 2);
  for (let oy = 0; oy < dstHeight; oy++) {
    for (let k = yt.start[oy], end = k + yt.count[oy]; k < end; k++) {
      const slot = yt.index[k] * 2 + (targetRow[yt.index[k] * 2] < 0 ? 0 : 1);
      targetRow[slot] = oy;
      targetWeight[slot] = yt.weight[k];
    }
  }
  const line = scratchF64('shrink-line', width * 3);
  const row = scratchF64('shrink-row', dstWidth * 3);
  const sum = scratchF64('shrink-sum', dstWidth * dstHeight * 3);
  for (let sy = 0; sy < height; sy++) {
    if (targetRow[sy * 2] < 0) continue;
    compositeRow(data, sy * width * channels, width, channels, background, line);
    for (let ox = 0, o = 0; ox < dstWidth; ox++, o += 3) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = xt.start[ox], tEnd = t + xt.count[ox]; t < tEnd; t++) {
        const w = xt.weight[t];
        const s = xt.index[t] * 3;
        r += w * line[s];
        g += w * line[s + 1];
        b += w * line[s + 2];
      }
      row[o] = r;
      row[o + 1] = g;
      row[o + 2] = b;
    }
    for (let slot = sy * 2; slot < sy * 2 + 2 && targetRow[slot] >= 0; slot++) {
      const base = targetRow[slot] * dstWidth * 3;
      const w = targetWeight[slot];
      for (let j = 0; j < row.length; j++) sum[base + j] += w * row[j];
    }
  }
  const out = scratchF32('rgb', sum.length);
  out.set(sum);
  return { width: dstWidth, height: dstHeight, channels: 3, data: out };
}
