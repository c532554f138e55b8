import { mixSeed, mulberry32 } from './random.js';

/**
 * A seeded random stream (mulberry32) with the draws callers need: augmentation's Keras-style
 * parameters, the data-set generator's shapes and colours. Streams are keyed by integers, e.g.
 * `Rng.derive(runSeed, epoch, batch)`, so one stream's draws never shift another's.
 */
export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** A new independent stream keyed by `parts` (each a safe integer; throws a TypeError otherwise). */
  static derive(...parts: number[]): Rng {
    if (parts.length === 0) throw new TypeError('Rng.derive needs at least one seed part');
    return new Rng(mixSeed(...parts));
  }

  /** A child stream for a named sub-task, so adding a draw in one part does not shift another. */
  fork(salt: number): Rng {
    return new Rng(mixSeed(this.seed, salt, Math.floor(this.next() * 4294967296)));
  }

  /** Uniform in [0, 1), like numpy's `random()`. */
  float(): number {
    return this.next();
  }

  /** Uniform in [lo, hi), like numpy's `uniform(lo, hi)`. */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  sign(): 1 | -1 {
    return this.next() < 0.5 ? -1 : 1;
  }

  /** One element of `items`, each equally likely, like numpy's `choice(items)`. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** Gaussian (Box–Muller), clamped to ±3.5 sd so a rare draw cannot wreck a shape. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return mean + sd * Math.max(-3.5, Math.min(3.5, z));
  }

  /** Log-uniform in [lo, hi]: as many draws in 1–2 px as in 10–20 px. */
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)));
  }
}
