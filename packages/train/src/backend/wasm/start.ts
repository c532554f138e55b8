import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerCpuFallbacks } from './cpu-fallback.js';
import { REPLACED_KERNELS, registerFastWasmKernels, registerWasmTrainingKernels, restoreStockWasmKernels } from './register.js';
import { selfTestWasmKernels } from './self-test.js';
import { unrefWasmThreads, withNodeWasmThreads } from './threads.js';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export interface WasmOptions {
  threads: number;
  fastKernels: boolean;
  selfTest: boolean;
  /** Folder of the tfjs-backend-wasm .wasm binaries (default: the installed package's dist/). */
  wasmDir?: string;
  warn: (message: string) => void;
}

export interface WasmStarted {
  simd: boolean;
  threads: number;
  /** The replacement kernels in use (empty with fastKernels off or after a failed self-test). */
  fastKernels: string[];
}

const require = createRequire(import.meta.url);
let started: { threads: number; promise: Promise<boolean> } | null = null;

/** Starts tfjs's WASM backend once per process (its thread count is fixed at start). */
async function startOnce(options: WasmOptions): Promise<void> {
  if (started) {
    if (started.threads !== options.threads) {
      options.warn(`the wasm backend already started with ${started.threads} thread(s) in this process; ignoring threads=${options.threads}`);
    }
  } else {
    setWasmPaths(options.wasmDir ?? `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    const threads = options.threads;
    setThreadsCount(threads);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
    const start = () => tf.setBackend('wasm');
    started = { threads, promise: threads > 1 ? withNodeWasmThreads(threads, start) : start() };
  }
  const current = started;
  let ok = false;
  try {
    ok = await current.promise;
  } finally {
    if (!ok) started = null; // let a later call try again (tfjs retries a failed backend)
  }
  if (!ok) throw new Error('tfjs could not initialise it (see the messages above)');
  // setBackend resolves true for a backend that was already started: switch to it in that case too.
  if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm'))) throw new Error('tfjs could not switch to it');
  if (current.threads > 1) unrefWasmThreads((tf.backend() as BackendWasm).wasm);
}

/**
 * Starts the WASM backend ready to train: the missing Conv2DBackpropFilter, Inkling's faster (and for
 * MaxPoolGrad, correct) kernels checked against the CPU backend, and a CPU fallback for any other
 * kernel wasm lacks.
 */
export async function startWasm(options: WasmOptions): Promise<WasmStarted> {
  registerWasmTrainingKernels({ fast: options.fastKernels });
  await startOnce(options);
  await tf.ready();
  let fastKernels: string[] = [];
  if (options.fastKernels) {
    registerFastWasmKernels();
    fastKernels = ['Conv2DBackpropFilter', ...REPLACED_KERNELS];
    const failures = options.selfTest ? selfTestWasmKernels() : [];
    if (failures.length > 0) {
      restoreStockWasmKernels();
      registerWasmTrainingKernels({ fast: false });
      fastKernels = [];
      const list = failures.map((f) => `${f.kernel} (${f.error})`).join(', ');
      options.warn(`Inkling's wasm kernels disagree with the cpu backend: ${list}; using the stock wasm kernels instead (slower)`);
    }
  } else {
    restoreStockWasmKernels();
  }
  registerCpuFallbacks(options.warn);
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { simd, threads: getThreadsCount(), fastKernels };
}
