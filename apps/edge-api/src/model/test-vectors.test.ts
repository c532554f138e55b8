// Core's test vectors, replayed inside workerd: the edge must turn the same image bytes into the
// same model input as training did in Node, bit for bit.
import { replayTestVectors, TEST_VECTORS } from '@inkling/core/test-vectors';
import { describe, expect, it } from 'vitest';

describe("core's preprocessing test vectors inside workerd", () => {
  it('replays every vector bit-identically', async () => {
    expect(TEST_VECTORS.length).toBeGreaterThan(0);
    const results = await replayTestVectors();
    expect(results.length).toBe(TEST_VECTORS.length);
    for (const r of results) {
      expect({ name: r.name, identical: r.identical, maxAbsDiff: r.maxAbsDiff, shape: r.shapeMatches, blank: r.blankMatches }).toEqual({
        name: r.name,
        identical: true,
        maxAbsDiff: 0,
        shape: true,
        blank: true,
      });
    }
  });
});
