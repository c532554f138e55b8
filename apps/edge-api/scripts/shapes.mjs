// Hand-drawn-looking O and X images as RGBA pixels, for the tests and the benchmark.
// Plain JavaScript so that Node scripts (bench, vitest's global setup) and the tests share it.

/** mulberry32, from core: the same seed draws the same picture. */
export { mulberry32 as seededRandom } from '@inkling/core';
import { mulberry32 as seededRandom } from '@inkling/core';

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Draws an O (an ellipse) or an X (two crossing strokes) with anti-aliased strokes.
 * `transparent` leaves the paper at alpha 0, as a canvas the user drew on does.
 * Returns { width, height, data } with straight-alpha RGBA bytes.
 */
export function drawShape(kind, { size = 200, seed = 1, transparent = false, ink = [20, 20, 30], paper = [255, 255, 255] } = {}) {
  const rand = seededRandom(seed * 7919 + (kind === 'o' ? 1 : 2));
  const jitter = (amount) => (rand() - 0.5) * 2 * amount;
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
    return [cx - ca + jitter(size * 0.02), cy - sa + jitter(size * 0.02), cx + ca + jitter(size * 0.02), cy + sa + jitter(size * 0.02)];
  });

  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let distance;
      if (kind === 'o') {
        // Distance to the ellipse, approximated by scaling the radial error.
        const nx = (px - cx) / rx;
        const ny = (py - cy) / ry;
        const r = Math.hypot(nx, ny);
        distance = Math.abs(r - 1) * Math.min(rx, ry);
      } else {
        distance = Math.min(...ends.map(([ax, ay, bx, by]) => segmentDistance(px, py, ax, ay, bx, by)));
      }
      const coverage = Math.max(0, Math.min(1, stroke / 2 - distance + 0.5));
      const i = (y * size + x) * 4;
      if (transparent) {
        data[i] = ink[0];
        data[i + 1] = ink[1];
        data[i + 2] = ink[2];
        data[i + 3] = Math.round(coverage * 255);
      } else {
        for (let ch = 0; ch < 3; ch++) data[i + ch] = Math.round(paper[ch] * (1 - coverage) + ink[ch] * coverage);
        data[i + 3] = 255;
      }
    }
  }
  return { width: size, height: size, data };
}
