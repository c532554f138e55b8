import type { RawImage } from '../image/raw-image.js';
import type { Plane } from './ink.js';
import { axisTaps } from './resize.js';
import { scratchF32 } from './scratch.js';

/**
 * Composites a large image onto `background` and shrinks it to dstWidth × dstHeight by area
 * averaging, one source row at a time: no full-size float copy of a photo is ever made (allocating
 * one costs more than the arithmetic, and a Worker has 128 MB).
 */
export function shrinkComposite(image: RawImage, background: readonly [number, number, number], dstWidth: number, dstHeight: number): Plane {
  const { width, height, channels } = image;
  const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  const xt = axisTaps(width, dstWidth, 'area');
  const yt = axisTaps(height, dstHeight, 'area');
  const line = new Float64Array(width * 3);
  const row = new Float64Array(dstWidth * 3);
  const out = scratchF32('rgb', dstWidth * dstHeight * 3);
  const acc = new Float64Array(dstWidth * 3);
  const [br, bg, bb] = background;
  for (let oy = 0; oy < dstHeight; oy++) {
    acc.fill(0);
    for (let k = yt.start[oy], end = k + yt.count[oy]; k < end; k++) {
      const sy = yt.index[k];
      const wy = yt.weight[k];
      // The source row, composited.
      for (let x = 0, s = sy * width * channels, o = 0; x < width; x++, s += channels, o += 3) {
        if (channels === 1) line[o] = line[o + 1] = line[o + 2] = data[s];
        else if (channels === 3) {
          line[o] = data[s];
          line[o + 1] = data[s + 1];
          line[o + 2] = data[s + 2];
        } else {
          const a = data[s + 3] / 255;
          const b = 1 - a;
          line[o] = data[s] * a + br * b;
          line[o + 1] = data[s + 1] * a + bg * b;
          line[o + 2] = data[s + 2] * a + bb * b;
        }
      }
      // Shrunk across, then added into the output row with the row's weight.
      row.fill(0);
      for (let ox = 0; ox < dstWidth; ox++) {
        for (let t = xt.start[ox], tEnd = t + xt.count[ox]; t < tEnd; t++) {
          const w = xt.weight[t];
          const s = xt.index[t] * 3;
          row[ox * 3] += w * line[s];
          row[ox * 3 + 1] += w * line[s + 1];
          row[ox * 3 + 2] += w * line[s + 2];
        }
      }
      for (let j = 0; j < acc.length; j++) acc[j] += wy * row[j];
    }
    out.set(acc, oy * dstWidth * 3);
  }
  return { width: dstWidth, height: dstHeight, channels: 3, data: out };
}
