import { boundsOf, fitInto, homography, mapStrokes, resample, type Bounds, type Pt, type Stroke } from './geometry.js';
import type { Rng } from './rng.js';

/** Where the mark sits in the picture, as users' pictures come. */
export const FRAMINGS = ['centred', 'off-centre', 'small', 'tight'] as const;
export type Framing = (typeof FRAMINGS)[number];

export const DEFAULT_FRAMING_WEIGHTS: Record<Framing, number> = { centred: 34, 'off-centre': 28, small: 12, tight: 26 };

export interface Layout {
  canvas: { width: number; height: number };
  /** The box the mark's ink (stroke width included) fills, in canvas pixels. */
  box: Bounds;
  framing: Framing;
}

/**
 * Picks a canvas (long side in `sizes`, square or not) and a box for a mark of aspect `aspect`
 * (width / height) framed as `framing`. A tight frame makes the canvas from the mark instead.
 */
export function layout(rng: Rng, aspect: number, sizes: [number, number], framing: Framing, squareChance = 0.7, minMark = 10): Layout {
  const long = Math.round(rng.logUniform(sizes[0], sizes[1]));
  const markDims = (side: number): [number, number] => (aspect >= 1 ? [side, side / aspect] : [side * aspect, side]);
  if (framing === 'tight') {
    const [w, h] = markDims(long);
    // Margins from a little clipped to a few percent, each side on its own.
    const m = () => rng.uniform(-0.01, 0.06) * long;
    const [l, r, t, b] = [m(), m(), m(), m()];
    const width = Math.max(4, Math.round(w + l + r));
    const height = Math.max(4, Math.round(h + t + b));
    return { canvas: { width, height }, box: { x0: l, y0: t, x1: l + w, y1: t + h }, framing };
  }
  const square = rng.chance(squareChance);
  const shortSide = square ? long : Math.round(long * rng.uniform(0.5, 0.95));
  const [width, height] = rng.chance(0.5) ? [long, shortSide] : [shortSide, long];
  const room = Math.min(width, height);
  const fill = framing === 'centred' ? rng.uniform(0.4, 0.85) : framing === 'off-centre' ? rng.uniform(0.18, 0.55) : rng.uniform(0.07, 0.2);
  // Below a few pixels a mark is a speck; the 'tiny' style makes those on purpose.
  let [w, h] = markDims(Math.max(room * fill, Math.min(minMark, room * 0.9)));
  // A very wide mark in a narrow canvas must still fit.
  const over = Math.max(w / (width * 0.95), h / (height * 0.95), 1);
  w /= over;
  h /= over;
  let cx: number;
  let cy: number;
  if (framing === 'centred') {
    cx = width / 2 + rng.normal(0, 0.04) * width;
    cy = height / 2 + rng.normal(0, 0.04) * height;
  } else {
    cx = rng.uniform(w / 2 + 1, width - w / 2 - 1);
    cy = rng.uniform(h / 2 + 1, height - h / 2 - 1);
  }
  cx = Math.min(Math.max(cx, w / 2), width - w / 2);
  cy = Math.min(Math.max(cy, h / 2), height - h / 2);
  return { canvas: { width, height }, box: { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 }, framing };
}

export function aspectOf(strokes: readonly Stroke[]): number {
  const b = boundsOf(strokes);
  return Math.max(0.15, Math.min(6.5, (b.x1 - b.x0 + 1e-6) / (b.y1 - b.y0 + 1e-6)));
}

export function longSide(box: Bounds): number {
  return Math.max(box.x1 - box.x0, box.y1 - box.y0);
}

/** Fits centre lines into `box` so that, with a pen of `width`, the ink fills it. */
export function placeStrokes(strokes: readonly Stroke[], box: Bounds, width: number): Stroke[] {
  const half = Math.min(width / 2, (box.x1 - box.x0) / 3, (box.y1 - box.y0) / 3);
  return fitInto(strokes, { x0: box.x0 + half, y0: box.y0 + half, x1: box.x1 - half, y1: box.y1 - half });
}

export interface PointerOptions {
  /** Distance between pointer events, in pixels (a fast hand leaves them far apart). */
  spacing: number;
  /** Hand tremor: the sd of a correlated wander, in pixels. */
  jitter: number;
  /** Mouse events land on whole pixels. */
  quantize: boolean;
}

/** What a pointer reports for a stroke: sparse samples, tremor, whole-pixel positions. */
export function pointerize(strokes: readonly Stroke[], rng: Rng, o: PointerOptions): Stroke[] {
  return strokes.map((s) => {
    const spacing = Math.max(0.75, o.spacing * rng.uniform(0.7, 1.3));
    let wx = 0;
    let wy = 0;
    return resample(s, spacing).map(([x, y]): Pt => {
      wx = 0.7 * wx + rng.normal(0, o.jitter);
      wy = 0.7 * wy + rng.normal(0, o.jitter);
      const px = x + wx;
      const py = y + wy;
      return o.quantize ? [Math.round(px), Math.round(py)] : [px, py];
    });
  });
}

/** A page photographed slightly off-axis: corners moved by up to `amount` of the canvas size. */
export function perspective(rng: Rng, width: number, height: number, amount: number): (strokes: readonly Stroke[]) => Stroke[] {
  const d = () => rng.normal(0, amount / 2);
  const corners: [Pt, Pt, Pt, Pt] = [
    [d() * width, d() * height],
    [width + d() * width, d() * height],
    [width + d() * width, height + d() * height],
    [d() * width, height + d() * height],
  ];
  const h = homography(corners);
  return (strokes) => mapStrokes(strokes, ([x, y]) => h([x / width, y / height]));
}
