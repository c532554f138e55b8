import type { ClassifyResponse } from '../api/index.js';

/** One valid /classify answer for tests (an "x" from the ox model), with any fields replaced. */
export function exampleClassifyResponse(overrides: Partial<ClassifyResponse> = {}): ClassifyResponse {
  return {
    label: 'x',
    probability: 0.9,
    scores: { o: 0.1, x: 0.9 },
    uncertain: false,
    model: { name: 'ox', version: '1.0.0' },
    input: { width: 1, height: 1 },
    backend: 'wasm',
    ...overrides,
  };
}
