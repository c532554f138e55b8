import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParams, lenet, SeededDropout, summary } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lenet', () => {
  it("has the seed's 1,212,513 trainable parameters at 150x150x3", () => {
    const model = lenet();
    expect(countParams(model)).toEqual({ total: 1_212_513, trainable: 1_212_513, nonTrainable: 0 });
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout', 'Dense',
    ]);
    expect(model.outputs[0].shape).toEqual([null, 1]);
  });

  it('takes input size, channels and class count as options', () => {
    const model = lenet({ inputShape: [64, 64, 1], classes: 3 });
    expect(model.inputs[0].shape).toEqual([null, 64, 64, 1]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    expect((model.layers.at(-1)!.getConfig() as { activation: string }).activation).toBe('softmax');
    expect(() => lenet({ classes: 1 })).toThrow(/at least 2 classes/);
    expect(() => lenet({ inputShape: [16, 16, 1] })).toThrow(/at least 22×22, got 16×16/);
    expect(lenet({ inputShape: [22, 22, 1] }).outputs[0].shape).toEqual([null, 1]);
  });

  it('is initialised from its seed', () => {
    const a = lenet({ inputShape: [32, 32, 1], seed: 7 }).getWeights()[0].dataSync();
    const b = lenet({ inputShape: [32, 32, 1], seed: 7 }).getWeights()[0].dataSync();
    const c = lenet({ inputShape: [32, 32, 1], seed: 8 }).getWeights()[0].dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('prints a Keras-style summary ending in the totals', () => {
    const text = summary(lenet());
    expect(text).toContain(' conv2d (Conv2D)');
    expect(text).toContain('(None, 148, 148, 32)');
    expect(text).toContain('1,183,808');
    expect(text).toMatch(/Total params: 1,212,513\nTrainable params: 1,212,513\nNon-trainable params: 0\n_+$/);
  });
});

describe('SeededDropout', () => {
  it('draws a new mask on each training call, the same sequence for the same seed', () => {
    const x = tf.ones([1, 64]);
    const masks = (seed: number) => {
      const model = lenet({ inputShape: [32, 32, 1], seed });
      const dropout = model.getLayer('dropout');
      return [0, 1].map(() => Array.from((dropout.apply(x, { training: true }) as tf.Tensor).dataSync()));
    };
    const [first, second] = masks(3);
    expect(first).not.toEqual(second);
    expect(masks(3)).toEqual([first, second]);
    expect(first.filter((v) => v === 0).length).toBeGreaterThan(10);
  });

  it("with a batch slice, drops exactly the whole batch's rows of that slice (data-parallel workers)", () => {
    const x = tf.randomUniform([5, 64], 1, 2, 'float32', 4);
    const dropout = () => lenet({ inputShape: [32, 32, 1], seed: 8 }).getLayer('dropout') as SeededDropout;
    const whole = Array.from((dropout().apply(x, { training: true }) as tf.Tensor).dataSync());
    const part = dropout();
    part.batchSlice = { offset: 2, total: 5 };
    const rows = Array.from((part.apply(tf.slice(x, 2, 3), { training: true }) as tf.Tensor).dataSync());
    expect(rows).toEqual(whole.slice(2 * 64));
    expect(part.calls).toBe(1);
  });

  it('passes inputs through at inference and saves as a plain Keras Dropout', async () => {
    const model = lenet({ inputShape: [32, 32, 1] });
    const x = tf.ones([1, 64]);
    expect(Array.from((model.getLayer('dropout').apply(x) as tf.Tensor).dataSync())).toEqual(Array(64).fill(1));
    let topology: unknown;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      topology = artifacts.modelTopology;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const layers = (topology as { config: { layers: { class_name: string; config: { rate?: number } }[] } }).config.layers;
    const dropout = layers.find((l) => l.class_name === 'Dropout');
    expect(dropout?.config.rate).toBe(0.5);
    const reloaded = await tfl.models.modelFromJSON(topology as tf.io.ModelJSON['modelTopology'] as never);
    expect(reloaded.layers.map((l) => l.getClassName())).toContain('Dropout');
  });
});
