import { mulberry32 } from '../random/index.js';

export interface DrawOXOptions {
  /** Side in pixels (square). Default 200. */
  size?: number;
  /** The same seed draws the same picture. Default 1. */
  seed?: number;
  /** Leave the paper at alpha 0 with ink-coloured strokes, as a canvas the user drew on. */
  transparent?: boolean;
  ink?: readonly [number, number, number];
  paper?: readonly [number, number, number];
}

export interface RgbaPicture {
  width: number;
  height: number;
  /** Straight-alpha RGBA, row by row. */
  data: Uint8ClampedArray;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * The project's one test drawing: a hand-drawn-looking O (an ellipse) or X (two crossing strokes)
 * with anti-aliased strokes, size, place, stroke and tilt varied by the seed. Pure JS, so Node tests,
 * workerd, the benchmarks and scripts draw the same pixels; encode it with whatever the caller has.
 */
export function drawOX(kind: 'o' | 'x', options: DrawOXOptions = {}): RgbaPicture {
  const { size = 200, seed = 1, transparent = false, ink = [20, 20, 30], paper = [255, 255, 255] } = options;
  const rand = mulberry32(seed * 7919 + (kind === 'o' ? 1 : 2));
  const jitter = (amount: number) => (rand() - 0.5) * 2 * amount;
  const cx = size / 2 + jitter(size * 0.05);
  const cy = size / 2 + jitter(size * 0.05);
  const stroke = size * (0.045 + rand() * 0.02);
  const rx = size * (0.3 + jitter(0.04));
  const ry = size * (0.3 + jitter(0.04));
  const half = size * (0.3 + jitter(0.03));
  const tilt = jitter(0.15);
  const ends = [0, 1].map((i) => {
    const angle = Math.PI / 4 + (i * Math.PI) / 2 + tilt;
    const ca = Math.cos(angle) * half;
    const sa = Math.sin(angle) * half;
    return [cx - ca + jitter(size * 0.02), cy - sa + jitter(size * 0.02), cx + ca + jitter(size * 0.02), cy + sa + jitter(size * 0.02)] as const;
  });

  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      // For the O, the distance to the ellipse is approximated by scaling the radial error.
      const distance =
        kind === 'o'
          ? Math.abs(Math.hypot((px - cx) / rx, (py - cy) / ry) - 1) * Math.min(rx, ry)
          : Math.min(...ends.map(([ax, ay, bx, by]) => segmentDistance(px, py, ax, ay, bx, by)));
      const coverage = Math.max(0, Math.min(1, stroke / 2 - distance + 0.5));
      const i = (y * size + x) * 4;
      if (transparent) {
        data.set(ink, i);
        data[i + 3] = Math.round(coverage * 255);
      } else {
        for (let ch = 0; ch < 3; ch++) data[i + ch] = Math.round(paper[ch] * (1 - coverage) + ink[ch] * coverage);
        data[i + 3] = 255;
      }
    }
  }
  return { width: size, height: size, data };
}
