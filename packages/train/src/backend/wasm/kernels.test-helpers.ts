import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { selectBackend, type BackendOptions } from '../select.js';
import { seededValues, relativeError, runKernelOn, type KernelInput } from './kernel-compare.js';

/** Starts the wasm backend (single-threaded unless asked) and collects its warnings. */
export async function startWasmForTest(options: BackendOptions = {}): Promise<{ warnings: string[] }> {
  const warnings: string[] = [];
  await selectBackend('wasm', { threads: 1, ...options, warn: (m) => warnings.push(m) });
  return { warnings };
}

/** Random inputs of the given shapes (seeded), or the given values. */
export function inputsFor(shapes: Record<string, number[]>, seed: number, values: Record<string, Float32Array> = {}): Record<string, KernelInput> {
  const inputs: Record<string, KernelInput> = {};
  Object.entries(shapes).forEach(([name, shape], i) => {
    inputs[name] = { shape, values: values[name] ?? seededValues(tf.util.sizeFromShape(shape), seed * 31 + i) };
  });
  return inputs;
}

/** Runs one kernel on wasm (as registered now) and on cpu with the same inputs. */
export function compareWithCpu(kernel: string, inputs: Record<string, KernelInput>, attrs: NamedAttrMap) {
  const wasm = runKernelOn('wasm', kernel, inputs, attrs);
  const cpu = runKernelOn('cpu', kernel, inputs, attrs);
  return { wasm, cpu, error: relativeError(wasm.values, cpu.values) };
}
