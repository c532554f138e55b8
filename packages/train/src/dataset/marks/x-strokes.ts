import { bentLine, rotatePt, rotateShear, type Pt, type Stroke } from '../geometry.js';
import type { Rng } from '../rng.js';
import { maybeHooks } from './hand.js';

/** How an X was drawn; recorded in the manifest as the image's variant. */
export const X_VARIANTS = ['cross', 'uneven', 'off-centre', 'plus', 'one-stroke', 'arcs', 'retraced'] as const;
export type XVariant = (typeof X_VARIANTS)[number];

const X_WEIGHTS: Record<XVariant, number> = {
  cross: 30,
  uneven: 20,
  'off-centre': 18,
  plus: 14,
  'one-stroke': 3,
  arcs: 7,
  retraced: 8,
};

/** A line through `cross` at `angle`, with a fraction `at` of its length before the crossing. */
function lineThrough(cross: Pt, angle: number, length: number, at: number, bend: number): Stroke {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const a: Pt = [cross[0] - dx * length * at, cross[1] - dy * length * at];
  const b: Pt = [cross[0] + dx * length * (1 - at), cross[1] + dy * length * (1 - at)];
  return bentLine(a, b, bend, 16);
}

/**
 * Where along a stroke it crosses the other: near the middle, or for an off-centre X up to 0.3
 * from the middle. Never at the very end: two strokes meeting at their ends are an L or a V.
 */
function crossingAt(rng: Rng, offCentre: boolean): number {
  if (!offCentre) return Math.min(0.7, Math.max(0.3, rng.normal(0.5, 0.07)));
  const off = rng.uniform(0.12, 0.3);
  return rng.chance(0.5) ? 0.5 - off : 0.5 + off;
}

/** A hand-drawn X in a unit frame (about ±1), as one or more strokes. */
export function drawX(rng: Rng, forced?: XVariant): { strokes: Stroke[]; variant: XVariant } {
  const variant = forced ?? rng.weighted(X_WEIGHTS);
  // Stroke A falls left to right ('\'), stroke B right to left ('/'); both drawn downwards.
  let angleA = Math.PI / 4 + rng.normal(0, 0.2);
  let angleB = (3 * Math.PI) / 4 + rng.normal(0, 0.2);
  if (variant === 'uneven' || variant === 'off-centre') {
    // Flat or steep arms: the crossing angle anywhere from narrow to wide.
    angleA = rng.uniform(0.15, 1.25);
    angleB = Math.PI - rng.uniform(0.15, 1.25);
    // Under about 45 degrees between the strokes an X reads as a squashed line or a '='.
    const spread = angleB - angleA;
    if (spread < 0.8) {
      angleA -= (0.8 - spread) / 2;
      angleB += (0.8 - spread) / 2;
    }
  }
  const lenA = 2 * rng.uniform(0.75, 1.05);
  const lenB = lenA * (variant === 'uneven' ? rng.logUniform(0.5, 1.6) : rng.logUniform(0.8, 1.25));
  const offCentre = variant === 'off-centre' || variant === 'plus';
  // A 't' crosses one stroke near its end and the other near its middle; so does a lopsided X.
  const offA = offCentre && rng.chance(0.5);
  const atA = crossingAt(rng, offA);
  const atB = crossingAt(rng, offCentre && !offA);
  const bend = () => rng.normal(0, 0.05);
  const cross: Pt = [0, 0];
  let strokes: Stroke[];
  switch (variant) {
    case 'one-stroke': {
      // Cursive x: down one diagonal, straight up to the top of the other, down it, pen never lifted.
      const a = lineThrough(cross, angleA, lenA, atA, bend());
      const b = lineThrough(cross, angleB, lenB, atB, bend());
      strokes = [[...a, ...b]];
      break;
    }
    case 'arcs': {
      // Two bowed strokes back to back, ')(' touching or crossing in the middle.
      const w = rng.uniform(0.45, 0.8);
      // How far each bow reaches towards the other side: a little past the middle crosses.
      const reach = w + rng.normal(0.03, 0.06);
      strokes = [bentLine([-w, -1], [-w, 1], -reach / 2, 16), bentLine([w, -1], [w, 1], reach / 2, 16)];
      break;
    }
    case 'retraced': {
      const a = lineThrough(cross, angleA, lenA, atA, bend());
      const b = lineThrough(cross, angleB, lenB, atB, bend());
      const again = rng.chance(0.5) ? a : b;
      const shift: Pt = [rng.normal(0, 0.04), rng.normal(0, 0.04)];
      const rot = rng.normal(0, 0.05);
      strokes = [a, b, again.map((p) => rotatePt([p[0] + shift[0], p[1] + shift[1]], rot))];
      break;
    }
    default:
      strokes = [lineThrough(cross, angleA, lenA, atA, bend()), lineThrough(cross, angleB, lenB, atB, bend())];
  }
  // Some people start with the '/' stroke, or draw a stroke upwards.
  if (rng.chance(0.35)) strokes.reverse();
  strokes = strokes.map((s) => (rng.chance(0.15) ? s.slice().reverse() : s));
  strokes = strokes.map((s) => maybeHooks(s, rng, 0.18, 0.15, 2));
  // A '+' or a 't' is an X turned by about 45 degrees; otherwise a small tilt.
  const angle = variant === 'plus' ? rng.sign() * rng.uniform(0.55, 0.85) : rng.normal(0, 0.2);
  return { strokes: rotateShear(strokes, angle, rng.normal(0, 0.08)), variant };
}
