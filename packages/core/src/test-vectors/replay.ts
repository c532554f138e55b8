import { sha256Hex } from '../card/hash.js';
import { decodeImage } from '../decode/decode.js';
import { preprocessToArray } from '../preprocess/preprocess.js';
import type { TestVector } from './types.js';
import { TEST_VECTORS } from './vectors.generated.js';

export interface VectorResult {
  name: string;
  /** Largest absolute difference from the expected output (0 when bit-identical). */
  maxAbsDiff: number;
  /** The output bytes hash to the expected SHA-256. */
  identical: boolean;
  shapeMatches: boolean;
  blankMatches: boolean;
}

/** Base64 without Buffer or atob quirks, the same everywhere. */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Decodes and preprocesses each vector here, in whatever runtime this is, and compares. */
export async function replayTestVectors(vectors: readonly TestVector[] = TEST_VECTORS): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const v of vectors) {
    const out = preprocessToArray(decodeImage(base64ToBytes(v.image)), v.spec);
    const expectedBytes = base64ToBytes(v.expected.data);
    const expected = new Float32Array(expectedBytes.buffer, expectedBytes.byteOffset, expectedBytes.byteLength / 4);
    let maxAbsDiff = out.data.length === expected.length ? 0 : Infinity;
    for (let i = 0; i < Math.min(out.data.length, expected.length); i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(out.data[i] - expected[i]));
    const bytes = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
    results.push({
      name: v.name,
      maxAbsDiff,
      identical: (await sha256Hex([bytes])) === v.expected.sha256,
      shapeMatches: out.shape.join('x') === v.expected.shape.join('x'),
      blankMatches: out.ink.blank === v.expected.blank,
    });
  }
  return results;
}
