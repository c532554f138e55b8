import { expect, it } from 'vitest';
import { benchGraphVsLayers, defaultModelShape, formatGraphVsLayers } from './graph-vs-layers.js';

// Not a timing test (the figures go to BENCHMARKS.md): checks the benchmark runs and reports every case.
it('benchGraphVsLayers times both models for every shape and batch and formats a table', async () => {
  const lines: string[] = [];
  const result = await benchGraphVsLayers({ backend: 'cpu', shapes: [[28, 28, 1]], batches: [1, 2], runs: 1, warmup: 0, log: (l) => lines.push(l) });
  expect(result.rows.map((r) => [r.model, r.batch])).toEqual([['LeNet 28x28x1', 1], ['LeNet 28x28x1', 2]]);
  for (const r of result.rows) {
    expect(r.layersMs).toBeGreaterThan(0);
    expect(r.graphMs).toBeGreaterThan(0);
    expect(r.speedup).toBeCloseTo(r.layersMs / r.graphMs, 10);
  }
  expect(lines).toHaveLength(2);
  expect(formatGraphVsLayers(result)).toMatch(/\| LeNet 28x28x1 \| 2 \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
  expect(defaultModelShape()).toHaveLength(3);
});
