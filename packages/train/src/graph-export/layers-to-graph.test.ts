import { lenet, vgg16Base } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { graphOf, outputsOf, randomiseNonKernels } from './export.test-helpers.js';
import { layersToGraph, UnsupportedLayerError } from './layers-to-graph.js';

const TOLERANCE = 1e-5;

beforeAll(async () => {
  await selectBackend('wasm');
});

const opsOf = (model: tfl.LayersModel) => layersToGraph(model).graph.node.map((n) => n.op);
const count = (ops: string[], op: string) => ops.filter((o) => o === op).length;

/** Graph vs layers on `batch` seeded random inputs: the largest absolute difference. */
async function agreement(model: tfl.LayersModel, batch = 3, seed = 1, range: [number, number] = [0, 1]): Promise<number> {
  const graph = await graphOf(model);
  const x = tf.randomUniform([batch, ...(model.inputs[0].shape.slice(1) as number[])], range[0], range[1], 'float32', seed);
  const { diff, layers } = outputsOf(model, graph, x);
  expect(layers.every(Number.isFinite)).toBe(true);
  x.dispose();
  graph.dispose();
  if (process.env.INKLING_EXPORT_VERBOSE) console.log(`${model.name}: max |graph - layers| = ${diff.toExponential(2)}; layers output ${Array.from(layers.slice(0, 4), (v) => v.toFixed(4)).join(' ')}`);
  return diff;
}

describe('LeNet', () => {
  const cases: { shape: [number, number, number]; classes: number }[] = [
    { shape: [150, 150, 3], classes: 2 },
    { shape: [48, 48, 1], classes: 2 },
    { shape: [28, 28, 1], classes: 3 },
  ];
  for (const { shape, classes } of cases) {
    it(`${shape.join('x')}, ${classes} classes: graph output equals layers output within ${TOLERANCE}`, async () => {
      const model = lenet({ inputShape: shape, classes, seed: 3 });
      randomiseNonKernels(model);
      expect(await agreement(model, shape[0] > 100 ? 2 : 4)).toBeLessThanOrEqual(TOLERANCE);
      model.dispose();
    });
  }

  it('becomes fused convolutions and matmuls, with dropout gone', () => {
    const model = lenet({ inputShape: [28, 28, 1], classes: 3 });
    const ops = opsOf(model);
    expect(count(ops, '_FusedConv2D')).toBe(3);
    expect(count(ops, '_FusedMatMul')).toBe(2);
    expect(count(ops, 'MaxPool')).toBe(3);
    expect(count(ops, 'Reshape')).toBe(1);
    // Softmax does not fuse into a matmul; relu and sigmoid do.
    expect(count(ops, 'Softmax')).toBe(1);
    expect(ops.some((o) => /Dropout|Relu/.test(o))).toBe(false);
    const binary = opsOf(lenet({ inputShape: [28, 28, 1], classes: 2 }));
    expect(binary.includes('Sigmoid')).toBe(false);
    model.dispose();
  });

  it('names its input and output in a signature the loader uses', async () => {
    const model = lenet({ inputShape: [28, 28, 1] });
    const graph = await graphOf(model);
    expect(graph.inputs.map((i) => [i.name, i.shape])).toEqual([['input', [-1, 28, 28, 1]]]);
    expect(graph.outputs.map((o) => o.name)).toEqual(['output']);
    expect(graph.inputNodes).toEqual(['input']);
    expect(graph.outputNodes).toEqual(['output']);
    graph.dispose();
    model.dispose();
  });
});

/** The VGG16 transfer model's shape: a nested VGG16 base, then a small head. */
function transferModel(head: 'gap' | 'flatten' = 'gap'): tfl.Sequential {
  const base = vgg16Base({ widthDivisor: 16, inputShape: [32, 32, 3] });
  return tfl.sequential({
    layers: [
      base,
      head === 'gap' ? tfl.layers.globalAveragePooling2d({}) : tfl.layers.flatten({}),
      tfl.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) }),
      tfl.layers.dropout({ rate: 0.5 }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tfl.initializers.glorotUniform({ seed: 6 }) }),
    ],
  });
}

describe('VGG16 transfer model (nested Sequential)', () => {
  it('agrees within the tolerance, with global average pooling as Mean over [1, 2]', async () => {
    const model = transferModel('gap');
    randomiseNonKernels(model);
    // Inputs on the scale of VGG16's 'caffe' preprocessing (0–255 minus the ImageNet means).
    expect(await agreement(model, 4, 1, [-120, 140])).toBeLessThanOrEqual(TOLERANCE);
    const converted = layersToGraph(model);
    expect(converted.graph.node.filter((n) => n.op === '_FusedConv2D')).toHaveLength(13);
    const mean = converted.graph.node.find((n) => n.op === 'Mean');
    expect(mean?.attr?.keep_dims).toEqual({ b: false });
    const axes = converted.weights.find((w) => w.name === mean?.input?.[1]);
    expect(Array.from(axes?.values ?? [])).toEqual([1, 2]);
    // Nested layers keep their model's name as a prefix.
    expect(converted.weights.some((w) => w.name === 'vgg16/block1_conv1/kernel')).toBe(true);
    model.dispose();
  });

  it('agrees with a Flatten head too', async () => {
    const model = transferModel('flatten');
    randomiseNonKernels(model, 11);
    expect(await agreement(model, 2, 2, [-120, 140])).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();
  });
});

describe('BatchNormalization', () => {
  const seeded = (seed: number) => tfl.initializers.glorotUniform({ seed });

  it('folds into the Conv2D/Dense before it (conv → BN → ReLU is one fused conv)', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [16, 16, 3], filters: 8, kernelSize: 3, useBias: false, kernelInitializer: seeded(1) }),
        tfl.layers.batchNormalization({}),
        tfl.layers.activation({ activation: 'relu' }),
        tfl.layers.conv2d({ filters: 8, kernelSize: 3, kernelInitializer: seeded(2) }),
        tfl.layers.batchNormalization({ epsilon: 0.01 }),
        tfl.layers.reLU({}),
        tfl.layers.globalAveragePooling2d({}),
        tfl.layers.dense({ units: 6, kernelInitializer: seeded(3) }),
        tfl.layers.batchNormalization({ center: false }),
        tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: seeded(4) }),
      ],
    });
    randomiseNonKernels(model, 3);
    const ops = opsOf(model);
    expect(ops).not.toContain('Mul');
    expect(ops).not.toContain('Relu');
    expect(count(ops, '_FusedConv2D')).toBe(2);
    const fused = layersToGraph(model).graph.node.filter((n) => n.op === '_FusedConv2D');
    expect(fused.map((n) => n.attr?.fused_ops?.list?.s?.map((s) => atob(s)))).toEqual([['BiasAdd', 'Relu'], ['BiasAdd', 'Relu']]);
    expect(await agreement(model, 4)).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();
  });

  it('after an activation (cannot fold) is a Mul and an Add', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: seeded(5) }),
        tfl.layers.batchNormalization({}),
        tfl.layers.flatten({}),
        tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: seeded(6) }),
      ],
    });
    randomiseNonKernels(model, 4);
    const ops = opsOf(model);
    expect(count(ops, 'Mul')).toBe(1);
    expect(count(ops, 'AddV2')).toBe(1);
    expect(await agreement(model, 4)).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();
  });
});

describe('other layers', () => {
  it('covers strides, same padding, dilation, no bias, pooling variants, rescaling and activation layers', async () => {
    const seeded = (seed: number) => tfl.initializers.glorotUniform({ seed });
    const model = tfl.sequential({
      layers: [
        tfl.layers.rescaling({ inputShape: [33, 31, 3], scale: 2, offset: -1 }),
        tfl.layers.conv2d({ filters: 6, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: seeded(1) }),
        tfl.layers.conv2d({ filters: 6, kernelSize: 3, dilationRate: 2, padding: 'same', useBias: false, activation: 'relu', kernelInitializer: seeded(2) }),
        tfl.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
        tfl.layers.conv2d({ filters: 5, kernelSize: [3, 2], strides: [2, 1], activation: 'elu', kernelInitializer: seeded(3) }),
        tfl.layers.leakyReLU({ alpha: 0.1 }),
        tfl.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'tanh', kernelInitializer: seeded(4) }),
        tfl.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
        tfl.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'relu6', kernelInitializer: seeded(5) }),
        tfl.layers.globalMaxPooling2d({}),
        tfl.layers.dense({ units: 5, useBias: false, kernelInitializer: seeded(6) }),
        tfl.layers.activation({ activation: 'sigmoid' }),
        tfl.layers.dense({ units: 3, kernelInitializer: seeded(7) }),
        tfl.layers.softmax({}),
      ],
    });
    randomiseNonKernels(model, 5);
    expect(await agreement(model, 4)).toBeLessThanOrEqual(TOLERANCE);
    const ops = opsOf(model);
    for (const op of ['Mul', 'AddV2', 'AvgPool', 'MaxPool', 'Conv2D', 'MatMul', 'Sigmoid', 'Tanh', 'LeakyRelu', 'Max', 'Softmax']) expect(ops).toContain(op);
    model.dispose();
  });

  it('exports a functional chain model, InputLayer included', async () => {
    const input = tfl.input({ shape: [10, 10, 1] });
    const conv = tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }).apply(input) as tfl.SymbolicTensor;
    const flat = tfl.layers.flatten({}).apply(conv) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }).apply(flat) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    randomiseNonKernels(model);
    expect(await agreement(model, 3)).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();
  });
});

describe('unsupported layers', () => {
  const expectUnsupported = (build: () => tfl.LayersModel, name: RegExp, className: string) => {
    const model = build();
    let error: unknown;
    try {
      layersToGraph(model);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnsupportedLayerError);
    const e = error as UnsupportedLayerError;
    expect(e.className).toBe(className);
    expect(e.layerName).toMatch(name);
    expect(e.message).toContain(className);
    expect(e.message).toContain(e.layerName);
    model.dispose();
  };

  it('LSTM is an UnsupportedLayerError naming the layer and its class', () => {
    expectUnsupported(() => tfl.sequential({ layers: [tfl.layers.lstm({ name: 'my_lstm', inputShape: [5, 4], units: 3, recurrentInitializer: 'glorotUniform' }), tfl.layers.dense({ units: 1 })] }), /^my_lstm$/, 'LSTM');
  });

  it('Conv2DTranspose is an UnsupportedLayerError naming it', () => {
    expectUnsupported(() => tfl.sequential({ layers: [tfl.layers.conv2dTranspose({ name: 'up', inputShape: [8, 8, 2], filters: 2, kernelSize: 3 })] }), /^up$/, 'Conv2DTranspose');
  });

  it('an unsupported activation names the layer', () => {
    expectUnsupported(() => tfl.sequential({ layers: [tfl.layers.dense({ name: 'soft', inputShape: [4], units: 2, activation: 'softplus' })] }), /^soft$/, 'Dense');
  });

  it('a branching functional model is refused, not exported in the wrong order', () => {
    expectUnsupported(() => {
      const input = tfl.input({ shape: [4] });
      const a = tfl.layers.dense({ units: 2, name: 'left' }).apply(input) as tfl.SymbolicTensor;
      const b = tfl.layers.dense({ units: 2, name: 'right' }).apply(input) as tfl.SymbolicTensor;
      const sum = tfl.layers.add({ name: 'merge' }).apply([a, b]) as tfl.SymbolicTensor;
      return tfl.model({ inputs: input, outputs: sum });
    }, /^(right|merge)$/, 'Dense');
  });
});

// Keep the tensor count honest: conversion reads weights without holding tfjs tensors.
it('conversion leaves no tensors behind', () => {
  const model = lenet({ inputShape: [28, 28, 1] });
  const before = tf.memory().numTensors;
  layersToGraph(model);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
});
