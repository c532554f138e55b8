import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { inputsFor } from '../wasm/kernels.test-helpers.js';
import { compareWebgpuWithCpu, describeOnSwiftshader, startWebgpuForTest } from './swiftshader.test-helpers.js';

type Pad = 'valid' | 'same';
const conv = (x: number[], f: [number, number, number, number], stride: number, pad: Pad) => {
  const info = tf.backend_util.computeConv2DInfo(x as [number, number, number, number], f, stride, 1, pad);
  return { dy: info.outShape, attrs: { strides: [stride, stride], pad, dataFormat: 'NHWC', dilations: [1, 1], filterShape: f, inputShape: x } };
};
const allNegative = (n: number) => Float32Array.from({ length: n }, (_, i) => -1 - ((i * 7919) % 101) / 10);
const withTies = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 13) % 3) - 1);

describeOnSwiftshader('webgpu training kernels match the cpu backend', () => {
  beforeAll(async () => {
    await startWebgpuForTest();
  }, 60_000);

  it.each([
    [[2, 9, 9, 3], [3, 3, 3, 8], 1, 'valid'],
    [[2, 9, 7, 3], [3, 3, 3, 8], 2, 'same'],
    [[2, 11, 9, 5], [3, 3, 5, 12], 2, 'same'],
    [[1, 8, 8, 16], [3, 3, 16, 16], 1, 'same'],
  ] as const)('Conv2DBackpropFilter and Conv2DBackpropInput: x %j, filter %j, stride %i, %s', async (x, f, stride, pad) => {
    const { dy, attrs } = conv([...x], [...f] as [number, number, number, number], stride, pad);
    const dw = await compareWebgpuWithCpu('Conv2DBackpropFilter', inputsFor({ x: [...x], dy }, 7), attrs);
    expect(dw.webgpu.shape).toEqual(f);
    expect(dw.error).toBeLessThanOrEqual(1e-5);
    const dx = await compareWebgpuWithCpu('Conv2DBackpropInput', inputsFor({ dy, filter: [...f] }, 8), attrs);
    expect(dx.webgpu.shape).toEqual(x);
    expect(dx.error).toBeLessThanOrEqual(1e-5);
  });

  it.each([
    ['2x2/2 valid', [2, 8, 8, 8], 2, 2, 'valid', undefined],
    ['2x2/2 same on odd sizes', [2, 9, 7, 3], 2, 2, 'same', undefined],
    ['3x3/2 overlapping', [2, 9, 9, 4], 3, 2, 'valid', undefined],
    ['windows all ≤ 0', [2, 6, 6, 8], 2, 2, 'valid', allNegative],
    ['ties go to the first maximum', [2, 6, 6, 3], 2, 2, 'valid', withTies],
  ] as const)('MaxPoolGrad: %s', async (_, shape, size, stride, pad, values) => {
    const info = tf.backend_util.computePool2DInfo([...shape] as [number, number, number, number], size, stride, 1, pad);
    const n = shape.reduce((a, b) => a * b, 1);
    const inputs = inputsFor({ dy: info.outShape, input: [...shape], output: info.outShape }, 3, values ? { input: values(n) } : {});
    const { webgpu, cpu, error } = await compareWebgpuWithCpu('MaxPoolGrad', inputs, { filterSize: [size, size], strides: [stride, stride], pad });
    expect(webgpu.shape).toEqual(shape);
    expect(error).toBeLessThanOrEqual(1e-6);
    expect(webgpu.values.filter((v) => v !== 0).length).toBe(cpu.values.filter((v) => v !== 0).length);
  });

  it.each([
    [[6, 5], [7, 5], false, true],
    [[5, 6], [5, 7], true, false],
    [[3, 4, 5], [3, 5, 6], false, false],
  ] as const)('BatchMatMul a %j b %j transposeA %s transposeB %s', async (a, b, transposeA, transposeB) => {
    const { error } = await compareWebgpuWithCpu('BatchMatMul', inputsFor({ a: [...a], b: [...b] }, 5), { transposeA, transposeB });
    expect(error).toBeLessThanOrEqual(1e-5);
  });

  it.each([
    [[3, 5, 8], [0, 1]],
    [[4, 7], [0]],
    [[2, 3, 4, 6], [0, 1, 2]],
  ] as const)('Sum of %j over %j', async (shape, axis) => {
    const { error } = await compareWebgpuWithCpu('Sum', inputsFor({ x: [...shape] }, 6), { axis: [...axis], keepDims: false });
    expect(error).toBeLessThanOrEqual(1e-5);
  });
});
