import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerFastWasmKernels, registerWasmTrainingKernels } from './wasm/register.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export interface BackendInfo {
  name: BackendName;
  /** What was loaded, for the log: e.g. "@tensorflow/tfjs-node-gpu" or "wasm (SIMD)". */
  detail: string;
}

const require = createRequire(import.meta.url);

async function tryTensorflow(): Promise<string | null> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(pkg);
      if (await tf.setBackend('tensorflow')) return pkg;
    } catch {
      // Not installed, or its native library is missing: try the next one.
    }
  }
  return null;
}

async function startWasm(): Promise<string> {
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start');
  await tf.ready();
  registerFastWasmKernels();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return `wasm (${simd ? 'SIMD' : 'no SIMD'})`;
}

/**
 * Picks the fastest backend that works here, in order: tensorflow (tfjs-node-gpu, then tfjs-node,
 * when installed and loadable) → wasm → cpu. An explicit choice fails loudly when it cannot start.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  if (choice === 'tensorflow' || choice === 'auto') {
    const pkg = await tryTensorflow();
    if (pkg) return { name: 'tensorflow', detail: pkg };
    if (choice === 'tensorflow') throw new Error('backend "tensorflow" needs @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu, and neither loads here');
  }
  if (choice === 'wasm' || choice === 'auto') {
    try {
      return { name: 'wasm', detail: await startWasm() };
    } catch (err) {
      if (choice === 'wasm') throw err;
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to start');
  return { name: 'cpu', detail: 'cpu (pure JavaScript; slow, meant for tests and tiny models)' };
}
