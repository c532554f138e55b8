import { endDirection, type Pt, type Stroke } from '../geometry.js';
import type { Rng } from '../rng.js';

/**
 * Touches people add to a stroke: a short hook where the pen lands or lifts, and a tail that runs
 * on past the end. Shared by the O, X and other-shape drawers.
 */

/** A small flick of `length` off one end of a stroke, turning by `turn` radians. */
export function hook(s: Stroke, atEnd: boolean, length: number, turn: number): Stroke {
  const [dx, dy] = endDirection(s, atEnd);
  const base = atEnd ? s[s.length - 1] : s[0];
  const steps = 4;
  const pts: Pt[] = [];
  for (let i = 1; i <= steps; i++) {
    const a = (turn * i) / steps;
    const c = Math.cos(a);
    const sn = Math.sin(a);
    const prev = pts[i - 2] ?? base;
    const step = length / steps;
    pts.push([prev[0] + (dx * c - dy * sn) * step, prev[1] + (dx * sn + dy * c) * step]);
  }
  return atEnd ? [...s, ...pts] : [...pts.reverse(), ...s];
}

/** A random hook at either end, with probabilities `pStart` and `pEnd`. */
export function maybeHooks(s: Stroke, rng: Rng, pStart: number, pEnd: number, size: number): Stroke {
  let out = s;
  if (rng.chance(pStart)) out = hook(out, false, size * rng.uniform(0.04, 0.12), rng.sign() * rng.uniform(1.2, 2.6));
  if (rng.chance(pEnd)) out = hook(out, true, size * rng.uniform(0.04, 0.12), rng.sign() * rng.uniform(1.2, 2.6));
  return out;
}

/** A tail running on from one end, gently curving: the lead-in or run-out of a quick O. */
export function tail(s: Stroke, atEnd: boolean, length: number, curl: number): Stroke {
  return hook(s, atEnd, length, curl);
}

/** Smooth low-frequency wobble: a sum of a few sines with random phases, amplitude `amp`. */
export function wobble(rng: Rng, amp: number, terms = 3): (t: number) => number {
  const parts = Array.from({ length: terms }, (_, k) => ({ f: (k + 1) * rng.uniform(0.7, 1.6), p: rng.uniform(0, 2 * Math.PI), a: rng.normal(0, amp / (k + 1)) }));
  return (t) => parts.reduce((s, q) => s + q.a * Math.sin(2 * Math.PI * q.f * t + q.p), 0);
}
