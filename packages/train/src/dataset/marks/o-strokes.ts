import { rotateShear, type Pt, type Stroke } from '../geometry.js';
import type { Rng } from '../rng.js';
import { maybeHooks, tail } from './hand.js';

/** How an O was drawn; recorded in the manifest as the image's variant. */
export const O_VARIANTS = ['closed', 'overlap', 'open', 'spiral', 'tail', 'two-strokes', 'lopsided', 'loop-cross'] as const;
export type OVariant = (typeof O_VARIANTS)[number];

const O_WEIGHTS: Record<OVariant, number> = {
  closed: 24,
  overlap: 12,
  open: 13,
  spiral: 9,
  tail: 14,
  'two-strokes': 9,
  lopsided: 14,
  'loop-cross': 5,
};

interface LoopShape {
  /** Radius as a function of angle: harmonics make eggs, lopsided and triangle-ish loops. */
  radius: (theta: number) => number;
  aspect: number;
}

function loopShape(rng: Rng, lopsided: boolean): LoopShape {
  const harmonics: { k: number; a: number; p: number }[] = [
    { k: 1, a: rng.normal(0, 0.05), p: rng.uniform(0, 2 * Math.PI) },
    { k: 3, a: rng.normal(0, 0.025), p: rng.uniform(0, 2 * Math.PI) },
    { k: 4, a: rng.normal(0, 0.015), p: rng.uniform(0, 2 * Math.PI) },
  ];
  if (lopsided) {
    const kind = rng.weighted({ egg: 3, triangle: 2, square: 1, dent: 1 });
    if (kind === 'egg') harmonics[0].a = rng.sign() * rng.uniform(0.1, 0.22);
    if (kind === 'triangle') harmonics[1].a = rng.sign() * rng.uniform(0.09, 0.22);
    if (kind === 'square') harmonics[2].a = rng.sign() * rng.uniform(0.05, 0.09);
    if (kind === 'dent') harmonics.push({ k: rng.int(5, 7), a: rng.uniform(0.03, 0.07), p: rng.uniform(0, 2 * Math.PI) });
  }
  return {
    radius: (t) => 1 + harmonics.reduce((s, h) => s + h.a * Math.cos(h.k * t + h.p), 0),
    aspect: Math.exp(rng.normal(0, lopsided ? 0.22 : 0.16)),
  };
}

/**
 * Points along a loop from angle `start` through `sweep` radians (negative: clockwise on screen),
 * with the radius drifting by `drift` over the sweep: drift is what leaves a gap or a spiral.
 */
function arc(shape: LoopShape, start: number, sweep: number, drift: number, jitter: (t: number) => number): Stroke {
  const steps = Math.max(12, Math.ceil((Math.abs(sweep) / (2 * Math.PI)) * 72));
  const pts: Pt[] = [];
  for (let i = 0; i <= steps; i++) {
    const u = i / steps;
    const t = start + sweep * u;
    const r = shape.radius(t) * (1 + drift * u) * (1 + jitter(u));
    pts.push([Math.cos(t) * r * shape.aspect, Math.sin(t) * r]);
  }
  return pts;
}

/** A hand-drawn O in a unit frame (about ±1), as one or more strokes. */
export function drawO(rng: Rng, forced?: OVariant): { strokes: Stroke[]; variant: OVariant } {
  const variant = forced ?? rng.weighted(O_WEIGHTS);
  const shape = loopShape(rng, variant === 'lopsided');
  // Most people start an O near the top and go anticlockwise; many do not.
  const start = rng.chance(0.65) ? -Math.PI / 2 + rng.normal(0, 0.6) : rng.uniform(0, 2 * Math.PI);
  const dir = rng.chance(0.7) ? -1 : 1;
  const amp = rng.uniform(0.005, 0.03);
  const f1 = rng.uniform(1, 4);
  const p1 = rng.uniform(0, 6.3);
  const jitter = (u: number) => amp * Math.sin(2 * Math.PI * f1 * u + p1);
  const full = 2 * Math.PI;
  let strokes: Stroke[];
  switch (variant) {
    case 'closed':
    case 'lopsided':
      strokes = [arc(shape, start, dir * full * rng.uniform(0.97, 1.08), rng.normal(0, 0.05), jitter)];
      break;
    case 'overlap':
      strokes = [arc(shape, start, dir * full * rng.uniform(1.08, 1.3), rng.normal(0, 0.09), jitter)];
      break;
    case 'open':
      strokes = [arc(shape, start, dir * full * rng.uniform(0.72, 0.94), rng.normal(0, 0.08), jitter)];
      break;
    case 'spiral': {
      const turns = rng.uniform(1.25, 2.1);
      strokes = [arc(shape, start, dir * full * turns, rng.sign() * rng.uniform(0.18, 0.45), jitter)];
      break;
    }
    case 'tail': {
      let s = arc(shape, start, dir * full * rng.uniform(0.9, 1.15), rng.normal(0, 0.08), jitter);
      const atEnd = rng.chance(0.7);
      s = tail(s, atEnd, rng.uniform(0.25, 1.3), rng.normal(0, 0.5));
      if (rng.chance(0.2)) s = tail(s, !atEnd, rng.uniform(0.15, 0.5), rng.normal(0, 0.5));
      strokes = [s];
      break;
    }
    case 'loop-cross': {
      // An alpha-like loop: both ends run on past the gap and cross.
      let s = arc(shape, start, dir * full * rng.uniform(0.8, 0.92), rng.normal(0, 0.05), jitter);
      s = tail(s, true, rng.uniform(0.4, 0.9), rng.normal(0, 0.25));
      s = tail(s, false, rng.uniform(0.4, 0.9), rng.normal(0, 0.25));
      strokes = [s];
      break;
    }
    case 'two-strokes': {
      // Two halves, each from the top down, meeting roughly at the top and bottom.
      const top = -Math.PI / 2 + rng.normal(0, 0.25);
      const left = arc(shape, top + rng.normal(0, 0.12), -full * rng.uniform(0.44, 0.56), rng.normal(0, 0.05), jitter);
      const right = arc(shape, top + rng.normal(0, 0.12), full * rng.uniform(0.44, 0.56), rng.normal(0, 0.05), jitter);
      strokes = [left, right];
      break;
    }
  }
  strokes = strokes.map((s) => maybeHooks(s, rng, 0.12, 0.12, 2));
  // An O has no up: its tilt is free, except that a slant is a hand's habit.
  const angle = rng.chance(0.5) ? rng.uniform(0, 2 * Math.PI) : rng.normal(0, 0.3);
  return { strokes: rotateShear(strokes, angle, rng.normal(0, 0.12)), variant };
}
