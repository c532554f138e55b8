import { mulberry32 } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export interface KernelInput {
  shape: number[];
  values: Float32Array;
}

/** Deterministic values in [-1, 1) from core's seeded RNG (the self-test must not depend on Math.random). */
export function seededValues(count: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: count }, () => random() * 2 - 1);
}

/** ‖actual − expected‖ / ‖expected‖ (Infinity when the lengths differ). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff += (actual[i]! - expected[i]!) ** 2;
    norm += expected[i]! ** 2;
  }
  return Math.sqrt(diff / Math.max(norm, 1e-30));
}

/**
 * Runs the kernel registered for `kernelName` on one backend with fresh copies of the inputs and
 * returns its first output's values and shape; everything it allocated is freed.
 */
export function runKernelOn(
  backendName: string,
  kernelName: string,
  inputs: Record<string, KernelInput>,
  attrs: NamedAttrMap,
): { values: Float32Array; shape: number[] } {
  const { backend, outputs, free } = launch(backendName, kernelName, inputs, attrs);
  try {
    return { values: Float32Array.from(backend.readSync(outputs[0]!.dataId) as Float32Array), shape: outputs[0]!.shape };
  } finally {
    free();
  }
}

/** runKernelOn for a backend that can only read asynchronously (webgpu in Node). */
export async function runKernelOnAsync(
  backendName: string,
  kernelName: string,
  inputs: Record<string, KernelInput>,
  attrs: NamedAttrMap,
): Promise<{ values: Float32Array; shape: number[] }> {
  const { backend, outputs, free } = launch(backendName, kernelName, inputs, attrs);
  try {
    return { values: Float32Array.from((await backend.read(outputs[0]!.dataId)) as Float32Array), shape: outputs[0]!.shape };
  } finally {
    free();
  }
}

function launch(backendName: string, kernelName: string, inputs: Record<string, KernelInput>, attrs: NamedAttrMap) {
  const backend = tf.findBackend(backendName);
  const kernel = tf.getKernel(kernelName, backendName);
  if (!backend || !kernel) throw new Error(`no ${kernelName} kernel on a started ${backendName} backend`);
  const infos: Record<string, TensorInfo> = {};
  for (const [name, { shape, values }] of Object.entries(inputs)) {
    infos[name] = { dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' };
  }
  const result = kernel.kernelFunc({ inputs: infos, attrs, backend });
  const outputs = Array.isArray(result) ? result : [result];
  // An output may share its input's data (Identity): free each once.
  const free = () => {
    for (const dataId of new Set([...outputs, ...Object.values(infos)].map((i) => i.dataId))) backend.disposeData(dataId, true);
  };
  return { backend, outputs, free };
}
