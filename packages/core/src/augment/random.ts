/**
 * Seeded randomness for augmentation. Math.random cannot be seeded and tf.random* ops differ between
 * backends, so the parameters are drawn here, in plain JS, from sfc32 (a small, fast generator that
 * passes PractRand) seeded by hashing every seed part: the same parts give the same stream on every
 * runtime, and (runSeed, epoch, batch) tuples that differ in any part give unrelated streams.
 *
 * Written here rather than taken from a package because core must stay dependency-light and
 * isomorphic, and the whole generator is a dozen lines.
 */
export interface Rng {
  /** A float in [0, 1), like numpy's `random()`. */
  next(): number;
  /** A float in [low, high), like numpy's `uniform(low, high)`. */
  uniform(low: number, high: number): number;
  /** An integer in [0, n), like numpy's `choice(n)` / `randint(n)`. */
  int(n: number): number;
  /** One element of `values`, each equally likely, like numpy's `choice(values)`. */
  choice<T>(values: readonly T[]): T;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function seedWords(parts: readonly number[]): number[] {
  const words: number[] = [parts.length];
  for (const [i, part] of parts.entries()) {
    if (!Number.isSafeInteger(part)) {
      throw new TypeError(`seed part ${i} must be a safe integer, got ${String(part)}`);
    }
    words.push(part >>> 0, Math.floor(part / 0x100000000) | 0);
  }
  return words;
}

/**
 * A generator seeded by one or more integers, e.g. `createRng(runSeed, epoch, batchIndex)`.
 * Throws a TypeError when a part is not a safe integer (a NaN or a fraction is a caller's bug).
 */
export function createRng(...seedParts: number[]): Rng {
  const words = seedWords(seedParts);
  // Four differently-salted hashes of the same words give the 128-bit state.
  const state = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x6a09e667].map((salt) => {
    let h = salt;
    for (const w of words) h = fmix32((h ^ w) + 0x9e3779b9);
    return h;
  });
  let [a, b, c, d] = state;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of a freshly seeded sfc32 are still correlated with the seed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = () => nextUint32() / 0x100000000;
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (n) => Math.floor(next() * n),
    choice: (values) => {
      if (values.length === 0) throw new RangeError('choice from an empty list');
      return values[Math.floor(next() * values.length)];
    },
  };
}
