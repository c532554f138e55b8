import type { RawImage } from '../image/raw-image.js';

/** A float image, row-major, interleaved, values on the 0–255 scale. */
export interface Plane {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Float32Array;
}

/** RGB on 0–255 with alpha composited onto `background` (straight, not premultiplied, alpha). */
export function compositeRgb(image: RawImage, background: readonly [number, number, number]): Plane {
  const { width, height, channels, data } = image;
  const n = width * height;
  const out = new Float32Array(n * 3);
  const [br, bg, bb] = background;
  for (let i = 0; i < n; i++) {
    const s = i * channels;
    let r: number, g: number, b: number;
    if (channels === 1) r = g = b = data[s];
    else {
      r = data[s];
      g = data[s + 1];
      b = data[s + 2];
    }
    if (channels === 4) {
      const a = data[s + 3] / 255;
      r = r * a + br * (1 - a);
      g = g * a + bg * (1 - a);
      b = b * a + bb * (1 - a);
    }
    out[i * 3] = r;
    out[i * 3 + 1] = g;
    out[i * 3 + 2] = b;
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

/** Each pixel's ink strength: its largest per-channel distance from the paper colour (0–255). */
export function inkStrength(rgb: Plane, paper: readonly [number, number, number]): Plane {
  const n = rgb.width * rgb.height;
  const out = new Float32Array(n);
  const d = rgb.data;
  for (let i = 0; i < n; i++) {
    const dr = Math.abs(d[i * 3] - paper[0]);
    const dg = Math.abs(d[i * 3 + 1] - paper[1]);
    const db = Math.abs(d[i * 3 + 2] - paper[2]);
    out[i] = Math.max(dr, dg, db);
  }
  return { width: rgb.width, height: rgb.height, channels: 1, data: out };
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

/** Maps strength to 0–1 with `floor` (a fraction of `full`) at 0 and `full` at 1, clamped. */
export function stretch(strength: Plane, full: number, floor: number): Float32Array {
  const d = strength.data;
  const out = new Float32Array(d.length);
  if (full <= 0) return out;
  const lo = full * floor;
  const span = full - lo;
  for (let i = 0; i < d.length; i++) {
    const v = (d[i] - lo) / span;
    out[i] = v <= 0 ? 0 : v >= 1 ? 1 : v;
  }
  return out;
}
