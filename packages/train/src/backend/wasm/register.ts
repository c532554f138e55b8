import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.js';
import { makeConv2dBackpropInput } from './conv2d-backprop-input.js';
import { maxPoolGrad } from './max-pool-grad.js';

function replaceKernel(kernelName: string, kernelFunc: KernelFunc): void {
  if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/** Conv2DBackpropFilter, which wasm lacks: without it no conv layer trains. Register before setBackend. */
export function registerWasmTrainingKernels(): void {
  replaceKernel('Conv2DBackpropFilter', conv2dBackpropFilter);
}

const stockKernels = new Map<string, KernelFunc>();

/** Faster (and for MaxPoolGrad, correct) replacements of stock kernels. Register after setBackend. */
export function registerFastWasmKernels(): void {
  for (const name of ['Conv2DBackpropInput', 'MaxPoolGrad']) {
    if (!stockKernels.has(name)) stockKernels.set(name, tf.getKernel(name, 'wasm')!.kernelFunc);
  }
  replaceKernel('Conv2DBackpropInput', makeConv2dBackpropInput(stockKernels.get('Conv2DBackpropInput')!));
  replaceKernel('MaxPoolGrad', maxPoolGrad);
}

/** Puts the stock kernels back (the benchmark compares both; the self-test falls back to them). */
export function restoreStockWasmKernels(): void {
  for (const [name, kernelFunc] of stockKernels) replaceKernel(name, kernelFunc);
}
