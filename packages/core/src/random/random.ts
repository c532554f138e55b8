/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine, which
 * Math.random cannot. The one generator of the project: shuffles, splits, augmentation, the data-set
 * generator and test fixtures all draw from it (through `Rng` when they need more than floats).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mixWord(h: number, word: number): number {
  h = Math.imul(h ^ (word >>> 0), 0x01000193) >>> 0;
  return Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
}

/**
 * Mixes several integers into one seed, so (runSeed, epoch, batch) streams do not overlap. A part
 * outside [0, 2³²) also mixes in its high word, so 42 and 42 + 2³² give different seeds. Throws a
 * TypeError when a part is not a safe integer (a NaN or a fraction is a caller's bug).
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const [i, p] of parts.entries()) {
    if (!Number.isSafeInteger(p)) throw new TypeError(`seed part ${i} must be a safe integer, got ${String(p)}`);
    h = mixWord(h, p);
    const high = Math.floor(p / 0x100000000);
    if (high !== 0) h = mixWord(h, high);
  }
  return h >>> 0;
}

/** Fisher–Yates shuffle in place, driven by `random`. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
