import type { RawImage } from '../image/raw-image.js';
import { scratchF32 } from './scratch.js';

/** A float image, row-major, interleaved, values on the 0–255 scale. */
export interface Plane {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Float32Array;
}

/** RGB on 0–255 with alpha composited onto `background` (straight, not premultiplied, alpha). */
export function compositeRgb(image: RawImage, background: readonly [number, number, number]): Plane {
  const { width, height, channels } = image;
  // One concrete array type keeps the loops below monomorphic (a Buffer or a Uint8ClampedArray would not).
  const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  const n = width * height;
  const out = scratchF32('rgb', n * 3);
  const [br, bg, bb] = background;
  if (channels === 1) {
    for (let i = 0; i < n; i++) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = data[i];
  } else if (channels === 3) {
    for (let i = 0; i < n * 3; i++) out[i] = data[i];
  } else {
    for (let i = 0, s = 0, o = 0; i < n; i++, s += 4, o += 3) {
      const a = data[s + 3] / 255;
      const b = 1 - a;
      out[o] = data[s] * a + br * b;
      out[o + 1] = data[s + 1] * a + bg * b;
      out[o + 2] = data[s + 2] * a + bb * b;
    }
  }
  return { width, height, channels: 3, data: out };
}

/** ITU-R 601-2 luma, the weights PIL's convert('L') uses. */
export function luma(rgb: Plane): Plane {
  const n = rgb.width * rgb.height;
  const out = new Float32Array(n);
  const d = rgb.data;
  for (let i = 0; i < n; i++) out[i] = d[i * 3] * 0.299 + d[i * 3 + 1] * 0.587 + d[i * 3 + 2] * 0.114;
  return { width: rgb.width, height: rgb.height, channels: 1, data: out };
}

/** Median of a histogram of integer levels 0–255. */
function histogramMedian(hist: Uint32Array, count: number): number {
  let seen = 0;
  for (let v = 0; v < hist.length; v++) {
    seen += hist[v];
    if (seen * 2 >= count) return v;
  }
  return hist.length - 1;
}

/**
 * The paper colour: the per-channel median of a ring along the image's border. Marks are drawn away
 * from the edges often enough that the border is mostly paper even for tightly cropped marks.
 */
export function paperColor(rgb: Plane): [number, number, number] {
  const { width, height, data } = rgb;
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.03));
  const hists = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let count = 0;
  for (let y = 0; y < height; y++) {
    const inBand = y < ring || y >= height - ring;
    for (let x = 0; x < width; x++) {
      if (!inBand && x >= ring && x < width - ring) continue;
      const s = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) hists[c][Math.round(data[s + c])]++;
      count++;
    }
  }
  return [histogramMedian(hists[0], count), histogramMedian(hists[1], count), histogramMedian(hists[2], count)];
}

/** Per-channel median colour of the pixels set in `mask` (the paper, when the border's colour was the ink's). */
export function medianColor(rgb: Plane, mask: Uint8Array): [number, number, number] {
  const hists = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    for (let c = 0; c < 3; c++) hists[c][Math.round(rgb.data[i * 3 + c])]++;
    count++;
  }
  return [histogramMedian(hists[0], count), histogramMedian(hists[1], count), histogramMedian(hists[2], count)];
}

/** How the paper's brightness varies over the image: a grid of tile levels to interpolate. */
export interface Lighting {
  tx: number;
  ty: number;
  /** Each tile's paper luma, smoothed. */
  level: Float64Array;
  paperLuma: number;
}

/** Tiles per side for the local paper estimate (fewer on small images: a tile is at least 24 px). */
const TILES = 8;
const MIN_TILE = 24;

/**
 * The paper's brightness under uneven light (phone photos: shadows, vignettes, a lamp on one side).
 * Each tile's level is the median of its luma (ink is the minority of almost every tile; the median
 * follows a gradient without bias), then the median of its 3×3 neighbourhood; `inkStrength` scales the
 * paper colour by it (light multiplies), or shifts it on near-black paper where a ratio is unstable.
 */
export function localLighting(rgb: Plane, paper: readonly [number, number, number]): Lighting {
  const { width, height, data } = rgb;
  const paperLuma = paper[0] * 0.299 + paper[1] * 0.587 + paper[2] * 0.114;
  const tx = Math.max(1, Math.min(TILES, Math.floor(width / MIN_TILE)));
  const ty = Math.max(1, Math.min(TILES, Math.floor(height / MIN_TILE)));
  const level = new Float64Array(tx * ty);
  const hist = new Uint32Array(256);
  for (let j = 0; j < ty; j++) {
    const y0 = Math.floor((j * height) / ty);
    const y1 = Math.floor(((j + 1) * height) / ty);
    for (let i = 0; i < tx; i++) {
      const x0 = Math.floor((i * width) / tx);
      const x1 = Math.floor(((i + 1) * width) / tx);
      hist.fill(0);
      for (let y = y0; y < y1; y++) {
        for (let x = x0, o = (y * width + x0) * 3; x < x1; x++, o += 3) hist[Math.round(data[o] * 0.299 + data[o + 1] * 0.587 + data[o + 2] * 0.114)]++;
      }
      level[j * tx + i] = histogramMedian(hist, (x1 - x0) * (y1 - y0));
    }
  }
  return { tx, ty, level: medianOfNeighbours(level, tx, ty), paperLuma };
}

/**
 * Each tile's level replaced by the median of its 3×3 neighbourhood: a tile a fat stroke fills
 * entirely reads as ink, and its neighbours outvote it; a gradient passes through unchanged.
 */
function medianOfNeighbours(level: Float64Array, tx: number, ty: number): Float64Array {
  const out = new Float64Array(level.length);
  for (let j = 0; j < ty; j++) {
    for (let i = 0; i < tx; i++) {
      const near: number[] = [];
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const y = j + dj;
          const x = i + di;
          if (x >= 0 && x < tx && y >= 0 && y < ty) near.push(level[y * tx + x]);
        }
      }
      near.sort((a, b) => a - b);
      out[j * tx + i] = near.length % 2 ? near[(near.length - 1) / 2] : (near[near.length / 2 - 1] + near[near.length / 2]) / 2;
    }
  }
  return out;
}

/** Linear interpolation weights between tile centres along one axis (extrapolating past the outer ones). */
function tileTaps(size: number, tiles: number): { i0: Int32Array; i1: Int32Array; w: Float64Array } {
  const i0 = new Int32Array(size);
  const i1 = new Int32Array(size);
  const w = new Float64Array(size);
  for (let p = 0; p < size; p++) {
    const f = ((p + 0.5) * tiles) / size - 0.5;
    i0[p] = Math.min(Math.max(0, tiles - 2), Math.max(0, Math.floor(f)));
    i1[p] = Math.min(tiles - 1, i0[p] + 1);
    w[p] = i0[p] === i1[p] ? 0 : f - i0[p];
  }
  return { i0, i1, w };
}

/**
 * Each pixel's ink strength: its largest per-channel distance from the paper colour expected there
 * (0–255): the paper colour itself, or under `lighting`, scaled to the light at that pixel.
 */
export function inkStrength(rgb: Plane, paper: readonly [number, number, number], lighting?: Lighting): Plane {
  const { width, height, data } = rgb;
  const out = scratchF32('strength', width * height);
  const [pr, pg, pb] = paper;
  // On dark paper the light cannot be told from light ink or a light frame (a board cell): one colour.
  if (!lighting || lighting.paperLuma < 32) {
    for (let i = 0, o = 0; i < out.length; i++, o += 3) out[i] = Math.max(Math.abs(data[o] - pr), Math.abs(data[o + 1] - pg), Math.abs(data[o + 2] - pb));
    return { width, height, channels: 1, data: out };
  }
  const { tx, level, paperLuma } = lighting;
  const xs = tileTaps(width, tx);
  const ys = tileTaps(height, lighting.ty);
  const rowLevel = new Float64Array(tx);
  for (let y = 0; y < height; y++) {
    // The light along this row at each tile column; then only an interpolation across per pixel.
    const r0 = ys.i0[y] * tx;
    const r1 = ys.i1[y] * tx;
    const wy = ys.w[y];
    for (let t = 0; t < tx; t++) rowLevel[t] = (1 - wy) * level[r0 + t] + wy * level[r1 + t];
    for (let x = 0, i = y * width, o = i * 3; x < width; x++, i++, o += 3) {
      const wx = xs.w[x];
      const l = Math.min(255, Math.max(0, (1 - wx) * rowLevel[xs.i0[x]] + wx * rowLevel[xs.i1[x]]));
      const gain = Math.min(5, Math.max(0.2, l / paperLuma));
      const er = Math.min(255, pr * gain);
      const eg = Math.min(255, pg * gain);
      const eb = Math.min(255, pb * gain);
      out[i] = Math.max(Math.abs(data[o] - er), Math.abs(data[o + 1] - eg), Math.abs(data[o + 2] - eb));
    }
  }
  return { width, height, channels: 1, data: out };
}

/**
 * The ink's full strength: the 90th percentile of the pixels at least a quarter as strong as the
 * strongest. A percentile rather than the maximum keeps a few specks of noise from setting the scale;
 * restricting to strong pixels keeps a small mark on a big page from being scaled by paper grain.
 */
export function fullStrength(strength: Plane): number {
  const hist = new Uint32Array(256);
  const d = strength.data;
  let max = 0;
  for (let i = 0; i < d.length; i++) {
    const v = Math.round(d[i]);
    hist[v]++;
    if (v > max) max = v;
  }
  if (max === 0) return 0;
  const low = Math.ceil(max / 4);
  let candidates = 0;
  for (let v = low; v <= max; v++) candidates += hist[v];
  let seen = 0;
  for (let v = low; v <= max; v++) {
    seen += hist[v];
    if (seen >= candidates * 0.9) return v;
  }
  return max;
}

/** Maps strength to 0–1 in place, with `floor` (a fraction of `full`) at 0 and `full` at 1, clamped. */
export function stretch(strength: Plane, full: number, floor: number): Float32Array {
  const d = strength.data;
  if (full <= 0) return d.fill(0);
  const lo = full * floor;
  const span = full - lo;
  for (let i = 0; i < d.length; i++) {
    const v = (d[i] - lo) / span;
    d[i] = v <= 0 ? 0 : v >= 1 ? 1 : v;
  }
  return d;
}
