import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { seededValues, relativeError, runKernelOn, type KernelInput } from './kernel-compare.js';

/** A replacement kernel and tiny input shapes to check it on. */
interface Check {
  kernel: string;
  inputs: Record<string, number[]>;
  attrs: NamedAttrMap;
}

const TOLERANCE = 1e-4;

const CHECKS: Check[] = [
  { kernel: 'Conv2DBackpropFilter', inputs: { x: [2, 7, 6, 3], dy: [2, 5, 4, 8] }, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 3, 8] } },
  { kernel: 'Conv2DBackpropFilter', inputs: { x: [2, 7, 6, 5], dy: [2, 4, 3, 4] }, attrs: { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 5, 4] } },
  { kernel: 'Conv2DBackpropInput', inputs: { dy: [2, 4, 3, 4], filter: [3, 3, 5, 4] }, attrs: { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', inputShape: [2, 7, 6, 5] } },
  { kernel: 'MaxPoolGrad', inputs: { dy: [2, 3, 2, 8], input: [2, 7, 6, 8], output: [2, 3, 2, 8] }, attrs: { filterSize: [3, 3], strides: [2, 2], pad: 'valid' } },
  { kernel: 'Sum', inputs: { x: [3, 5, 8] }, attrs: { axis: [0, 1], keepDims: false } },
  { kernel: 'BatchMatMul', inputs: { a: [6, 5], b: [7, 5] }, attrs: { transposeA: false, transposeB: true } },
  { kernel: 'Identity', inputs: { x: [3, 4] }, attrs: {} },
];

/**
 * The CPU backend prints "install tfjs-node to speed things up" on its first use in Node. Using it
 * as the reference here does not mean training runs on it, so that banner would only mislead.
 */
function quietCpuBanner(): void {
  (tf.findBackend('cpu') as unknown as { firstUse?: boolean }).firstUse = false;
}

export interface SelfTestFailure {
  kernel: string;
  error: string;
}

/**
 * Compares the WASM kernels now registered with the CPU backend's on tiny shapes (a few
 * milliseconds). Any that disagrees beyond 1e-4 relative error, or throws, is reported: the caller
 * then falls back to the stock kernels rather than train on wrong gradients.
 */
export function selfTestWasmKernels(): SelfTestFailure[] {
  quietCpuBanner();
  const failures: SelfTestFailure[] = [];
  CHECKS.forEach((check, i) => {
    const inputs: Record<string, KernelInput> = {};
    Object.entries(check.inputs).forEach(([name, shape], j) => {
      inputs[name] = { shape, values: seededValues(tf.util.sizeFromShape(shape), 1 + i * 10 + j) };
    });
    try {
      const err = relativeError(runKernelOn('wasm', check.kernel, inputs, check.attrs).values, runKernelOn('cpu', check.kernel, inputs, check.attrs).values);
      if (!(err <= TOLERANCE)) failures.push({ kernel: check.kernel, error: `relative error ${err.toExponential(2)}` });
    } catch (e) {
      failures.push({ kernel: check.kernel, error: e instanceof Error ? e.message : String(e) });
    }
  });
  return failures;
}
