import { mixSeed, mulberry32 } from '../util/random.js';

/**
 * A seeded random stream with the draws the generator needs. Every image gets its own stream,
 * derived from (seed, index), so an image does not change when others are added, removed or made
 * in a different order, and generation can run several images at once.
 */
export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** A new independent stream keyed by this one's seed and `parts`. */
  static derive(...parts: number[]): Rng {
    return new Rng(mixSeed(...parts));
  }

  /** A child stream for a named sub-task, so adding a draw in one part does not shift another. */
  fork(salt: number): Rng {
    return new Rng(mixSeed(this.seed, salt, Math.floor(this.next() * 4294967296)));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

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

  pick<T>(items: readonly T[]): T {
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
