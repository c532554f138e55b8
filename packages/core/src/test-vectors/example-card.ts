import type { ModelCardInput } from '../card/schema.js';

export interface ExampleCardOptions {
  /** [height, width, channels]: 1 gives the O/X ink-map preprocessing, 3 plain RGB. */
  shape?: [number, number, 1 | 3];
  labels?: string[];
}

/**
 * A valid model card for tests in every package (training, export, reports, the page): the
 * preprocessing, labels and output follow from `shape` and `labels`; `overrides` replace fields.
 */
export function exampleCard(options: ExampleCardOptions = {}, overrides: Partial<ModelCardInput> = {}): ModelCardInput {
  const { shape = [32, 32, 1], labels = ['o', 'x'] } = options;
  const binary = labels.length === 2;
  return {
    schemaVersion: 1,
    name: 'example',
    version: '1.0.0',
    createdAt: '2026-11-28T00:00:00.000Z',
    labels,
    input: { shape },
    output: { activation: binary ? 'sigmoid' : 'softmax', units: binary ? 1 : labels.length },
    preprocess:
      shape[2] === 1
        ? { size: [shape[0], shape[1]], colorMode: 'grayscale', polarity: 'ink-bright', contrast: { method: 'stretch' }, crop: { method: 'ink-bbox' } }
        : { size: [shape[0], shape[1]], colorMode: 'rgb' },
    architecture: { name: 'lenet', params: { total: 1, trainable: 1 } },
    format: 'tfjs-graph-model',
    files: { weights: ['weights.bin'], bytes: 1 },
    weightsHash: { algorithm: 'sha256', value: '0'.repeat(64) },
    ...overrides,
  };
}
