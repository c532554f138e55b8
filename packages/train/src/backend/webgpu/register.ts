import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { maxPoolGrad } from './max-pool-grad.js';

/** Kernels of tfjs-backend-webgpu 4.22 that disagree with the cpu backend (and TF), and their replacements. */
const REPLACEMENTS: Record<string, KernelFunc> = {
  MaxPoolGrad: maxPoolGrad,
};

const stock = new Map<string, KernelFunc>();

function replace(kernelName: string, kernelFunc: KernelFunc): void {
  if (tf.getKernel(kernelName, 'webgpu')) tf.unregisterKernel(kernelName, 'webgpu');
  tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc });
}

/** Registers Inkling's webgpu kernels (after tfjs-backend-webgpu is imported); returns their names. */
export function registerWebgpuTrainingKernels(): string[] {
  for (const [name, kernelFunc] of Object.entries(REPLACEMENTS)) {
    const current = tf.getKernel(name, 'webgpu');
    if (current && current.kernelFunc !== kernelFunc && !stock.has(name)) stock.set(name, current.kernelFunc);
    replace(name, kernelFunc);
  }
  return Object.keys(REPLACEMENTS);
}

/** Puts tfjs's own kernels back (tests show what the replacements fix). */
export function restoreStockWebgpuKernels(): void {
  for (const [name, kernelFunc] of stock) replace(name, kernelFunc);
}
