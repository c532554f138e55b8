import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32, shuffleInPlace } from './random.js';
import { Rng } from './rng.js';

const take = (n: number, ...seed: number[]) => {
  const rng = Rng.derive(...seed);
  return Array.from({ length: n }, () => rng.float());
};

describe('mulberry32', () => {
  it('gives the published mulberry32 sequence, so every runtime draws the same numbers', () => {
    const random = mulberry32(1);
    // The first outputs of Tommy Ettinger's reference C mulberry32 seeded with 1 (compiled and run with gcc).
    expect([random(), random(), random()].map((v) => v * 4294967296)).toEqual([2693262067, 11749833, 2265367787]);
  });
});

describe('mixSeed', () => {
  it('keeps 32-bit parts as before and separates parts that differ only above bit 32', () => {
    expect(mixSeed(42, 3)).toBe(mixSeed(42, 3));
    expect(mixSeed(42 + 2 ** 32)).not.toBe(mixSeed(42));
    expect(mixSeed(-42)).not.toBe(mixSeed(2 ** 32 - 42));
  });

  it('refuses seed parts that are not safe integers', () => {
    expect(() => mixSeed(1.5)).toThrow(/seed part 0 must be a safe integer, got 1.5/);
    expect(() => mixSeed(1, Number.NaN)).toThrow(/seed part 1 must be a safe integer, got NaN/);
    expect(() => Rng.derive(2 ** 60)).toThrow(TypeError);
    expect(() => Rng.derive()).toThrow(/at least one seed part/);
  });
});

describe('Rng', () => {
  it('repeats the same stream for the same seed parts', () => {
    expect(take(20, 42, 3, 7)).toEqual(take(20, 42, 3, 7));
    const a = new Rng(5);
    const b = new Rng(5);
    expect(Array.from({ length: 5 }, () => a.float())).toEqual(Array.from({ length: 5 }, () => b.float()));
  });

  it('gives unrelated streams when any part differs, including the number of parts', () => {
    const base = take(20, 42, 3, 7);
    for (const other of [take(20, 42, 3, 8), take(20, 42, 4, 7), take(20, 43, 3, 7), take(20, 42, 3), take(20, 42, 3, 7, 0), take(20, -42, 3, 7), take(20, 42 + 2 ** 32, 3, 7)]) {
      expect(other).not.toEqual(base);
      expect(other.filter((v, i) => v === base[i])).toEqual([]);
    }
  });

  it('draws floats in [0, 1) with a flat distribution', () => {
    const values = take(20000, 1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const tenths = new Array(10).fill(0);
    for (const v of values) tenths[Math.floor(v * 10)]++;
    for (const count of tenths) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it('draws uniform ranges, inclusive integers, picks and weighted keys', () => {
    const rng = Rng.derive(9);
    const uniform = Array.from({ length: 2000 }, () => rng.uniform(-3, 5));
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...uniform)).toBeLessThan(5);
    expect(Math.min(...uniform)).toBeLessThan(-2.9);
    expect(Math.max(...uniform)).toBeGreaterThan(4.9);
    const ints = new Set(Array.from({ length: 500 }, () => rng.int(0, 3)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3]);
    const picks = new Set(Array.from({ length: 500 }, () => rng.pick(['a', 'b', 'c'])));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
    expect(() => rng.pick([])).toThrow(/empty list/);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) counts[rng.weighted({ a: 3, b: 1 })]++;
    expect(Math.abs(counts.a / 4000 - 0.75)).toBeLessThan(0.03);
  });

  it('forks child streams that do not shift with the parent’s later draws', () => {
    const parent = new Rng(11);
    const child = parent.fork(1);
    const again = new Rng(11).fork(1);
    expect(Array.from({ length: 5 }, () => child.float())).toEqual(Array.from({ length: 5 }, () => again.float()));
    expect(new Rng(11).fork(2).float()).not.toBe(new Rng(11).fork(1).float());
  });
});

describe('shuffleInPlace', () => {
  it('permutes the same way for the same seed', () => {
    const a = shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], mulberry32(3));
    expect(shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], mulberry32(3))).toEqual(a);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(a).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
