import { bentLine, rotateShear, type Pt, type Stroke } from '../geometry.js';
import type { Rng } from '../rng.js';
import { maybeHooks, wobble } from './hand.js';
import { glyphMark, type MarkSource } from './index.js';

/** Shapes that are neither O nor X, for measuring what the model calls "uncertain". */
import { NEGATIVE_SHAPES } from '../defaults.js';

export { NEGATIVE_SHAPES };
export type NegativeShape = (typeof NEGATIVE_SHAPES)[number];

/**
 * Letters that are neither O nor X and that no one's O or X looks like. Left out: C, Q, D, U, G and
 * loops with a tail (a b d e g p q), which are open, tailed or lopsided O's to a reader; T, t, Y, y,
 * K, k, V, v, which are a '+', a 't' or half an X, and people draw X's that way.
 */
export const OTHER_LETTERS = [...'ABEFHIJLMNPRSWZfhijlmnrswz'];
/** Digits, but 0 (an O), 6 and 9 (a spiral O) and 4 (a crossing like an X's). */
export const DIGITS = [...'123578'];

/** A closed polygon through `corners`, drawn as a human does: wobbly sides, the last corner overshot. */
function handPolygon(rng: Rng, corners: Pt[], strokesPerShape: number): Stroke[] {
  const sides: Stroke[] = corners.map((a, i) => {
    const b = corners[(i + 1) % corners.length];
    return bentLine(a, b, rng.normal(0, 0.04), 10);
  });
  const overshoot = rng.uniform(-0.05, 0.15);
  const last = sides[sides.length - 1];
  const [ex, ey] = last[last.length - 1];
  const [px, py] = last[last.length - 2];
  last.push([ex + (ex - px) * overshoot * 10, ey + (ey - py) * overshoot * 10]);
  if (strokesPerShape <= 1) return [sides.flat()];
  return sides;
}

function regular(n: number, radius: (i: number) => number, rng: Rng): Pt[] {
  const start = -Math.PI / 2 + rng.normal(0, 0.15);
  return Array.from({ length: n }, (_, i) => {
    const a = start + (2 * Math.PI * i) / n + rng.normal(0, 0.06);
    const r = radius(i) * (1 + rng.normal(0, 0.06));
    return [Math.cos(a) * r, Math.sin(a) * r] as Pt;
  });
}

function square(rng: Rng): Stroke[] {
  const w = Math.exp(rng.normal(0, 0.25));
  const corners: Pt[] = [[-w, -1], [w, -1], [w, 1], [-w, 1]].map(([x, y]) => [x + rng.normal(0, 0.06), y + rng.normal(0, 0.06)]);
  return handPolygon(rng, corners, rng.chance(0.7) ? 1 : 4);
}

function triangle(rng: Rng): Stroke[] {
  const corners = regular(3, () => 1, rng).map(([x, y]) => [x * Math.exp(rng.normal(0, 0.2)), y] as Pt);
  return handPolygon(rng, corners, rng.chance(0.8) ? 1 : 3);
}

function star(rng: Rng): Stroke[] {
  if (rng.chance(0.5)) {
    // The five-line star drawn without lifting the pen: every second point of a pentagon.
    const p = regular(5, () => 1, rng);
    return handPolygon(rng, [p[0], p[2], p[4], p[1], p[3]], 1);
  }
  const inner = rng.uniform(0.35, 0.55);
  const points = rng.pick([5, 5, 5, 6, 4, 8]);
  return handPolygon(rng, regular(points * 2, (i) => (i % 2 ? inner : 1), rng), 1);
}

function scribble(rng: Rng): Stroke[] {
  const kind = rng.weighted({ zigzag: 2, loops: 2, wander: 3, lines: 2 });
  const strokes: Stroke[] = [];
  if (kind === 'zigzag') {
    const n = rng.int(3, 8);
    const pts: Pt[] = Array.from({ length: n + 1 }, (_, i) => [-1 + (2 * i) / n + rng.normal(0, 0.05), (i % 2 ? 1 : -1) * rng.uniform(0.3, 1)]);
    strokes.push(pts.flatMap((p, i) => (i === 0 ? [p] : bentLine(pts[i - 1], p, rng.normal(0, 0.05), 6).slice(1))));
  } else if (kind === 'loops') {
    // A run of small loops, like a coiled telephone cord.
    const loops = rng.uniform(2.5, 6);
    const r = rng.uniform(0.25, 0.5);
    const pts: Pt[] = [];
    for (let i = 0; i <= 120; i++) {
      const t = i / 120;
      const a = 2 * Math.PI * loops * t;
      pts.push([-1 + 2 * t + r * Math.cos(a), r * Math.sin(a) * 1.4]);
    }
    strokes.push(pts);
  } else if (kind === 'wander') {
    const fx = wobble(rng, 1.2, 4);
    const fy = wobble(rng, 1.2, 4);
    strokes.push(Array.from({ length: 100 }, (_, i) => [fx(i / 100), fy(i / 100)] as Pt));
  } else {
    // A few unrelated lines: not crossing as an X's two do.
    for (let i = 0, n = rng.int(1, 4); i < n; i++) {
      const a: Pt = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
      const b: Pt = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
      strokes.push(bentLine(a, b, rng.normal(0, 0.1), 10));
    }
  }
  return strokes;
}

/** A mark of `shape` in the unit frame; for 'blank' a placeholder that the generator erases. */
export function negativeMark(shape: NegativeShape, rng: Rng): MarkSource {
  switch (shape) {
    case 'letter':
      return glyphMark(rng, OTHER_LETTERS);
    case 'digit':
      return glyphMark(rng, DIGITS);
    case 'blank':
      return { kind: 'strokes', strokes: [[[0, 0], [1, 1]]], variant: 'blank' };
    default: {
      const drawn = shape === 'square' ? square(rng) : shape === 'triangle' ? triangle(rng) : shape === 'star' ? star(rng) : scribble(rng);
      const angle = shape === 'scribble' ? rng.uniform(0, 2 * Math.PI) : rng.normal(0, 0.2);
      const strokes = rotateShear(drawn, angle, rng.normal(0, 0.08)).map((s) => maybeHooks(s, rng, 0.1, 0.1, 2));
      return { kind: 'strokes', strokes, variant: shape };
    }
  }
}
