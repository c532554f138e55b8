import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter, conv2dBackpropFilterConvOnly } from './conv2d-backprop-filter.js';
import { makeConv2dBackpropInput } from './conv2d-backprop-input.js';
import { maxPoolGrad } from './max-pool-grad.js';
import { makeSum } from './sum.js';
import { makeBatchMatMul } from './batch-mat-mul.js';
import { makeCast, makeIdentity } from './identity.js';

function replaceKernel(kernelName: string, kernelFunc: KernelFunc): void {
  if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/**
 * Conv2DBackpropFilter, which wasm lacks: without it no conv layer trains. `fast` (the default) uses
 * the SIMD kernel where it applies; false keeps only the XNNPACK-convolution formulation.
 * Can be called before or after the backend starts.
 */
export function registerWasmTrainingKernels({ fast = true }: { fast?: boolean } = {}): void {
  replaceKernel('Conv2DBackpropFilter', fast ? conv2dBackpropFilter : conv2dBackpropFilterConvOnly);
}

const stockKernels = new Map<string, KernelFunc>();
const wrapped: Record<string, (stock: KernelFunc) => KernelFunc> = {
  Conv2DBackpropInput: makeConv2dBackpropInput,
  MaxPoolGrad: () => maxPoolGrad,
  Sum: makeSum,
  BatchMatMul: makeBatchMatMul,
  Identity: makeIdentity,
  Cast: makeCast,
};

/** The stock kernels that `registerFastWasmKernels` replaces. */
export const REPLACED_KERNELS = Object.keys(wrapped);

/**
 * Faster (and for MaxPoolGrad, correct) replacements of stock wasm kernels. Call after the wasm
 * backend has started: some wrap the stock kernel as their fallback.
 */
export function registerFastWasmKernels(): void {
  for (const [name, make] of Object.entries(wrapped)) {
    if (!stockKernels.has(name)) {
      const stock = tf.getKernel(name, 'wasm');
      if (!stock) throw new Error(`the wasm backend has no ${name} kernel to replace`);
      stockKernels.set(name, stock.kernelFunc);
    }
    replaceKernel(name, make(stockKernels.get(name)!));
  }
}

/** Puts the stock kernels back (the benchmark compares both; a failed self-test falls back to them). */
export function restoreStockWasmKernels(): void {
  for (const [name, kernelFunc] of stockKernels) replaceKernel(name, kernelFunc);
}
