import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyTransformsToBatch } from '../apply.js';
import type { FillMode } from '../options.js';
import { IDENTITY_PARAMS, type TransformParams } from '../params.js';

interface ReferenceCase {
  name: string;
  height: number;
  width: number;
  params: Partial<TransformParams>;
  fillMode: FillMode;
  cval: number;
  interpolationOrder: 0 | 1;
  input: number[];
  expected: number[];
}

// Outputs of keras-preprocessing's apply_affine_transform + flips under scipy (keras_reference.py).
const reference = JSON.parse(readFileSync(new URL('./keras-reference.json', import.meta.url), 'utf8')) as { scipy: string; cases: ReferenceCase[] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe(`parity with Keras ImageDataGenerator on scipy ${reference.scipy}`, () => {
  it('has the reference cases', () => {
    expect(reference.cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const x = tf.tensor4d(c.input, [1, c.height, c.width, 1]);
    const config = { fillMode: c.fillMode, cval: c.cval, interpolationOrder: c.interpolationOrder, valueRange: [0, 1] as const };
    const y = applyTransformsToBatch(x, [{ ...IDENTITY_PARAMS, ...c.params }], config);
    const actual = Array.from(y.dataSync());
    tf.dispose([x, y]);
    const wrong = actual.flatMap((v, i) => (Math.abs(v - c.expected[i]) > 1e-4 ? [`(${Math.floor(i / c.width)}, ${i % c.width}): ${v} vs ${c.expected[i]}`] : []));
    expect(wrong).toEqual([]);
  });
});
