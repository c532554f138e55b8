import type { Box } from './crop.js';
import { scratchF64 } from './scratch.js';
import type { Plane } from './ink.js';

export type ResizeMethod = 'area' | 'bilinear' | 'nearest';

/** For each output index: the source indices it reads and their weights (summing to 1). */
export interface AxisTaps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

const tapCache = new Map<string, AxisTaps>();

/** The taps for one axis; the last few are kept, since a server sees the same sizes again and again. */
export function axisTaps(srcLen: number, dstLen: number, method: ResizeMethod): AxisTaps {
  const key = `${srcLen}:${dstLen}:${method}`;
  let taps = tapCache.get(key);
  if (!taps) {
    taps = computeTaps(srcLen, dstLen, method);
    if (tapCache.size >= 32) tapCache.delete(tapCache.keys().next().value as string);
    tapCache.set(key, taps);
  }
  return taps;
}

function computeTaps(srcLen: number, dstLen: number, method: ResizeMethod): AxisTaps {
  const scale = srcLen / dstLen;
  const start = new Int32Array(dstLen);
  const count = new Int32Array(dstLen);
  const index: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < dstLen; i++) {
    start[i] = index.length;
    if (method === 'nearest') {
      index.push(Math.min(srcLen - 1, Math.floor((i + 0.5) * scale)));
      weight.push(1);
    } else if (method === 'area' && scale > 1) {
      // The output pixel covers [lo, hi) of the source; each source pixel weighs by its overlap.
      const lo = i * scale;
      const hi = lo + scale;
      for (let j = Math.floor(lo); j < Math.min(srcLen, Math.ceil(hi)); j++) {
        const overlap = Math.min(hi, j + 1) - Math.max(lo, j);
        if (overlap > 0) {
          index.push(j);
          weight.push(overlap / scale);
        }
      }
    } else {
      // Bilinear with half-pixel centres (TF's half_pixel_centers), edges clamped.
      const centre = (i + 0.5) * scale - 0.5;
      const j0 = Math.floor(centre);
      const t = centre - j0;
      const a = Math.min(srcLen - 1, Math.max(0, j0));
      const b = Math.min(srcLen - 1, Math.max(0, j0 + 1));
      index.push(a, b);
      weight.push(1 - t, t);
    }
    count[i] = index.length - start[i];
  }
  return { start, count, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/**
 * Resamples the `region` of `plane` (pixels outside the plane read as `fill`) to dstWidth × dstHeight.
 * Written here rather than taken from a library because it must give the same bits in Node, browsers
 * and Workers: plain arithmetic in a fixed order does, while canvas and GPU resizers do not.
 */
export function resizeRegion(
  plane: Plane,
  region: Box,
  fill: readonly number[],
  dstWidth: number,
  dstHeight: number,
  method: ResizeMethod,
): Plane {
  const c = plane.channels;
  const src = plane.data;
  const xt = axisTaps(region.width, dstWidth, method);
  const yt = axisTaps(region.height, dstHeight, method);

  // Horizontal pass over the region's rows: region.height × dstWidth. Each row is first laid out
  // with the fill beyond the image's edges, so the taps read it without bounds checks.
  const mid = scratchF64('resize-mid', region.height * dstWidth * c);
  const line = new Float64Array(region.width * c);
  const fillRow = new Float64Array(dstWidth * c);
  for (let ox = 0; ox < dstWidth; ox++) for (let ch = 0; ch < c; ch++) fillRow[ox * c + ch] = fill[ch];
  const firstInside = Math.max(0, -region.x);
  const lastInside = Math.min(region.width, plane.width - region.x);
  for (let ry = 0; ry < region.height; ry++) {
    const sy = region.y + ry;
    const rowOffset = ry * dstWidth * c;
    if (sy < 0 || sy >= plane.height || lastInside <= firstInside) {
      // Entirely outside the image: weights sum to 1, so the row is the fill.
      mid.set(fillRow, rowOffset);
      continue;
    }
    for (let rx = 0; rx < region.width; rx++) {
      const inside = rx >= firstInside && rx < lastInside;
      const s = (sy * plane.width + region.x + rx) * c;
      for (let ch = 0; ch < c; ch++) line[rx * c + ch] = inside ? src[s + ch] : fill[ch];
    }
    for (let ox = 0; ox < dstWidth; ox++) {
      const o = rowOffset + ox * c;
      for (let k = xt.start[ox], end = k + xt.count[ox]; k < end; k++) {
        const w = xt.weight[k];
        const s = xt.index[k] * c;
        for (let ch = 0; ch < c; ch++) mid[o + ch] += w * line[s + ch];
      }
    }
  }

  // Vertical pass: dstHeight × dstWidth.
  const out = new Float32Array(dstHeight * dstWidth * c);
  for (let oy = 0; oy < dstHeight; oy++) {
    for (let ox = 0; ox < dstWidth; ox++) {
      const o = (oy * dstWidth + ox) * c;
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = yt.start[oy], end = k + yt.count[oy]; k < end; k++) {
          acc += yt.weight[k] * mid[(yt.index[k] * dstWidth + ox) * c + ch];
        }
        out[o + ch] = acc;
      }
    }
  }
  return { width: dstWidth, height: dstHeight, channels: c, data: out };
}
