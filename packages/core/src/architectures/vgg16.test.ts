import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParams, summary, vgg16Base } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('vgg16Base', () => {
  it("matches Keras's VGG16(include_top=False): layer names and 14,714,688 parameters", () => {
    const model = vgg16Base({ inputShape: [150, 150, 3] });
    expect(countParams(model).total).toBe(14_714_688);
    const names = model.layers.map((l) => l.name);
    expect(names[0]).toBe('block1_conv1');
    expect(names).toContain('block3_conv3');
    expect(names.at(-1)).toBe('block5_pool');
    expect(names).toHaveLength(18);
    expect(model.outputs[0].shape).toEqual([null, 4, 4, 512]);
    expect(summary(model)).toContain('block5_conv3 (Conv2D)');
  });

  it('builds narrow copies for tests', () => {
    const model = vgg16Base({ inputShape: [32, 32, 3], widthDivisor: 16 });
    expect(model.getLayer('block1_conv1').getWeights()[0].shape).toEqual([3, 3, 3, 4]);
    expect(model.getLayer('block5_conv3').getWeights()[0].shape).toEqual([3, 3, 32, 32]);
  });

  it('refuses inputs too small for five poolings', () => {
    expect(() => vgg16Base({ inputShape: [16, 16, 3] })).toThrow(/at least 32/);
  });
});
