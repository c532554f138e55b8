import { describe, expect, it } from 'vitest';
import { formatRate, formatTable, imagesPerSecond, median } from './stats.js';

describe('bench statistics', () => {
  it('takes the median of odd and even counts, unsorted', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  it('turns a batch time into images per second', () => {
    expect(imagesPerSecond(32, 250)).toBe(128);
  });

  it('prints rates with 3 significant digits and a dash for none', () => {
    expect([0.07412, 12.54, 1349.6, null].map(formatRate)).toEqual(['0.0741', '12.5', '1350', '–']);
  });

  it('aligns a table, numbers to the right', () => {
    expect(formatTable(['name', 'img/s'], [['cpu', '0.5'], ['wasm', '120']])).toBe('name  img/s\n----  -----\ncpu     0.5\nwasm    120');
  });
});
