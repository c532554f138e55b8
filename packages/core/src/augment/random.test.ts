import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

const take = (n: number, ...seed: number[]) => {
  const rng = createRng(...seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats the same stream for the same seed parts', () => {
    expect(take(20, 42, 3, 7)).toEqual(take(20, 42, 3, 7));
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

  it('draws uniform ranges, integers and choices like numpy', () => {
    const rng = createRng(9);
    const uniform = Array.from({ length: 2000 }, () => rng.uniform(-3, 5));
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...uniform)).toBeLessThan(5);
    expect(Math.min(...uniform)).toBeLessThan(-2.9);
    expect(Math.max(...uniform)).toBeGreaterThan(4.9);
    const ints = new Set(Array.from({ length: 500 }, () => rng.int(4)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3]);
    const picks = new Set(Array.from({ length: 500 }, () => rng.choice(['a', 'b', 'c'])));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
    expect(() => rng.choice([])).toThrow(/empty list/);
  });

  it('refuses seed parts that are not safe integers', () => {
    expect(() => createRng(1.5)).toThrow(/seed part 0 must be a safe integer, got 1.5/);
    expect(() => createRng(1, Number.NaN)).toThrow(/seed part 1 must be a safe integer, got NaN/);
    expect(() => createRng(2 ** 60)).toThrow(TypeError);
  });
});
