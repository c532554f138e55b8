import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** A replacement kernel and tiny inputs to check it on. */
interface Check {
  kernel: string;
  inputs: Record<string, number[]>;
  attrs: NamedAttrMap;
}

const TOLERANCE = 1e-4;

/** Deterministic values in [-1, 1) (a fixed LCG: the self-test must not depend on a seed or Math.random). */
function values(count: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

const CHECKS: Check[] = [
  { kernel: 'Conv2DBackpropFilter', inputs: { x: [2, 7, 6, 3], dy: [2, 5, 4, 8] }, attrs: { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 3, 8] } },
  { kernel: 'Conv2DBackpropFilter', inputs: { x: [2, 7, 6, 5], dy: [2, 4, 3, 4] }, attrs: { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 5, 4] } },
  { kernel: 'Conv2DBackpropInput', inputs: { dy: [2, 4, 3, 4], filter: [3, 3, 5, 4] }, attrs: { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', inputShape: [2, 7, 6, 5] } },
  { kernel: 'MaxPoolGrad', inputs: { dy: [2, 3, 2, 8], input: [2, 7, 6, 8], output: [2, 3, 2, 8] }, attrs: { filterSize: [3, 3], strides: [2, 2], pad: 'valid' } },
  { kernel: 'Sum', inputs: { x: [3, 5, 8] }, attrs: { axis: [0, 1], keepDims: false } },
  { kernel: 'BatchMatMul', inputs: { a: [6, 5], b: [7, 5] }, attrs: { transposeA: false, transposeB: true } },
];

function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff += (actual[i]! - expected[i]!) ** 2;
    norm += expected[i]! ** 2;
  }
  return actual.length === expected.length ? Math.sqrt(diff / Math.max(norm, 1e-30)) : Infinity;
}

/** Runs one kernel directly on a backend with fresh copies of the inputs; returns its output values. */
function run(backendName: string, check: Check, data: Record<string, Float32Array>): Float32Array {
  const backend = tf.findBackend(backendName)!;
  const inputs: Record<string, TensorInfo> = {};
  for (const [name, shape] of Object.entries(check.inputs)) {
    inputs[name] = { dataId: backend.write(data[name]!, shape, 'float32'), shape, dtype: 'float32' };
  }
  const kernel = tf.getKernel(check.kernel, backendName)!;
  const result = kernel.kernelFunc({ inputs, attrs: check.attrs, backend });
  const out = Array.isArray(result) ? result[0]! : result;
  try {
    return Float32Array.from(backend.readSync(out.dataId) as Float32Array);
  } finally {
    backend.disposeData(out.dataId, true);
    for (const info of Object.values(inputs)) backend.disposeData(info.dataId, true);
  }
}

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
 * Compares Inkling's WASM kernels with the CPU backend's on tiny shapes (a few milliseconds). Any
 * that disagrees beyond 1e-4 relative error, or throws, is reported: the caller then falls back to
 * the stock kernels rather than train on wrong gradients.
 */
export function selfTestWasmKernels(): SelfTestFailure[] {
  const failures: SelfTestFailure[] = [];
  quietCpuBanner();
  CHECKS.forEach((check, i) => {
    const data: Record<string, Float32Array> = {};
    Object.entries(check.inputs).forEach(([name, shape], j) => {
      data[name] = values(tf.util.sizeFromShape(shape), 1 + i * 10 + j);
    });
    if (check.kernel === 'MaxPoolGrad') data.output = new Float32Array(data.output!.length); // unused by either kernel
    try {
      const err = relativeError(run('wasm', check, data), run('cpu', check, data));
      if (!(err <= TOLERANCE)) failures.push({ kernel: check.kernel, error: `relative error ${err.toExponential(2)}` });
    } catch (e) {
      failures.push({ kernel: check.kernel, error: e instanceof Error ? e.message : String(e) });
    }
  });
  return failures;
}
