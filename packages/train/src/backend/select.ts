import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// Training needs every op's gradient: tfjs-core's Node bundle registers none, tfjs-layers' registers them all.
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { startWasm } from './wasm/start.js';
import { describeAdapter, type GpuAdapter } from './webgpu/dawn.js';
import { probeGpu, type GpuProbe } from './webgpu/probe.js';

import { BACKEND_CHOICES, type BackendChoice, type BackendName } from './choices.js';

export type { BackendChoice, BackendName } from './choices.js';

export interface BackendInfo {
  name: BackendName;
  /** What was loaded, for the log: e.g. "@tensorflow/tfjs-node-gpu" or "wasm (SIMD, 1 thread, Inkling training kernels)". */
  detail: string;
  /** WASM only: the XNNPACK thread count. */
  threads?: number;
  /** WebGPU only: the adapter Dawn gave. */
  adapter?: GpuAdapter;
}

/** The backend as config.json and the model card record it: the name, and for webgpu the adapter. */
export function backendLabel(info: BackendInfo): string {
  return info.adapter ? `${info.name} (${describeAdapter(info.adapter)})` : info.name;
}

export interface BackendOptions {
  /**
   * WASM threads. 1 runs the single-threaded SIMD build; more starts the threaded build, which tfjs
   * does not support in Node and Inkling enables with a shim (wasm/threads.ts). Default: the
   * INKLING_WASM_THREADS environment variable, else DEFAULT_WASM_THREADS.
   */
  threads?: number;
  /** Inkling's WASM training kernels (default true); false leaves the stock kernels plus a conv-based filter gradient. */
  fastKernels?: boolean;
  /** Check Inkling's WASM kernels against the CPU backend at start (default true; a few milliseconds). */
  selfTest?: boolean;
  /** Folder of the tfjs-backend-wasm .wasm binaries (default: the installed package's dist/). */
  wasmDir?: string;
  /** Where warnings go (default: console.warn). */
  warn?: (message: string) => void;
  /** How 'auto' asks whether there is a GPU (tests replace it). */
  probeGpu?: () => Promise<GpuProbe>;
}

export const DEFAULT_WASM_THREADS = 1;

/** The `threads` option, else INKLING_WASM_THREADS, else the default; rejects anything but a whole number ≥ 1. */
export function resolveThreads(threads: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.INKLING_WASM_THREADS;
  const value = threads ?? (fromEnv != null && fromEnv !== '' ? Number(fromEnv) : DEFAULT_WASM_THREADS);
  if (!Number.isInteger(value) || value < 1) {
    const source = threads != null ? 'the threads option' : 'INKLING_WASM_THREADS';
    throw new Error(`${source} must be a whole number ≥ 1, got "${threads ?? fromEnv}"`);
  }
  return value;
}

const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];
const require = createRequire(import.meta.url);

/**
 * Why `pkg` cannot load, checked without importing it: tfjs-node registers its kernels before it
 * looks for its native library, so importing a copy installed without that library (its install
 * script downloads libtensorflow, which fails offline) would leave half a backend and a screen of
 * warnings behind.
 */
function whyNotLoadable(pkg: string): string | null {
  let root: string;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return 'not installed';
  }
  const lib = join(root, 'lib');
  const hasBinding = existsSync(lib) && readdirSync(lib).some((d) => existsSync(join(lib, d, 'tfjs_binding.node')));
  return hasBinding ? null : 'installed without its native library (its install script downloads libtensorflow)';
}

async function startTensorflow(): Promise<string> {
  const reasons: string[] = [];
  for (const pkg of TENSORFLOW_PACKAGES) {
    const missing = whyNotLoadable(pkg);
    if (missing) {
      reasons.push(`${pkg}: ${missing}`);
      continue;
    }
    try {
      await import(pkg);
      if (await tf.setBackend('tensorflow')) return pkg;
      reasons.push(`${pkg} loaded but its backend did not start`);
    } catch (err) {
      reasons.push(`${pkg}: ${firstLine(err)}`);
    }
  }
  throw new Error(`backend "tensorflow" needs ${TENSORFLOW_PACKAGES.join(' or ')}, and neither loads here (${reasons.join('; ')}). Use --backend wasm.`);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

async function startWasmBackend(options: BackendOptions, warn: (m: string) => void): Promise<BackendInfo> {
  const threads = resolveThreads(options.threads);
  try {
    const wasm = await startWasm({ threads, fastKernels: options.fastKernels ?? true, selfTest: options.selfTest ?? true, wasmDir: options.wasmDir, warn });
    const kernels = wasm.fastKernels.length > 0 ? 'Inkling training kernels' : 'stock kernels';
    const detail = `wasm (${wasm.simd ? 'SIMD' : 'no SIMD'}, ${wasm.threads} thread${wasm.threads === 1 ? '' : 's'}, ${kernels})`;
    return { name: 'wasm', detail, threads: wasm.threads };
  } catch (err) {
    throw new Error(`backend "wasm" could not start: ${firstLine(err)}`);
  }
}

async function startWebgpuBackend(warn: (m: string) => void): Promise<BackendInfo> {
  let started;
  try {
    // Loaded on use: npm webgpu and tfjs-backend-webgpu are optional dependencies.
    const { startWebgpu } = await import('./webgpu/start.js');
    started = await startWebgpu();
  } catch (err) {
    throw new Error(`backend "webgpu" could not start: ${firstLine(err)}. Use --backend wasm.`);
  }
  const { adapter } = started;
  if (adapter.software) warn(`webgpu runs on ${describeAdapter(adapter)}, a software (CPU) adapter: slower than --backend wasm, meant for testing the GPU path`);
  return { name: 'webgpu', detail: `webgpu (${describeAdapter(adapter)})`, adapter };
}

async function startCpu(): Promise<BackendInfo> {
  if (!(await tf.setBackend('cpu'))) throw new Error('backend "cpu" could not start');
  return { name: 'cpu', detail: 'cpu (pure JavaScript; slow, meant for tests and tiny models)' };
}

/**
 * Picks the fastest backend that works here, in order: tensorflow (tfjs-node-gpu, then tfjs-node,
 * when installed and loadable) → webgpu, when Dawn reports a real GPU (a software adapter such as
 * SwiftShader is slower than wasm, so auto passes it by) → wasm → cpu, and makes it tfjs's current
 * backend. An explicit choice fails with a clear message when it cannot start; 'auto' moves on to the
 * next one (warning when a GPU it found does not start, or when it has to fall back past wasm).
 */
export async function selectBackend(choice: BackendChoice = 'auto', options: BackendOptions = {}): Promise<BackendInfo> {
  const warn = options.warn ?? ((m: string) => console.warn(`warning: ${m}`));
  switch (choice) {
    case 'tensorflow':
      return { name: 'tensorflow', detail: await startTensorflow() };
    case 'webgpu':
      return startWebgpuBackend(warn);
    case 'wasm':
      return startWasmBackend(options, warn);
    case 'cpu':
      return startCpu();
    case 'auto': {
      try {
        return { name: 'tensorflow', detail: await startTensorflow() };
      } catch {
        // tfjs-node is optional and usually absent.
      }
      const gpu = await (options.probeGpu ?? probeGpu)();
      if (gpu.adapter && !gpu.adapter.software) {
        try {
          return await startWebgpuBackend(warn);
        } catch (err) {
          warn(`${firstLine(err)}; using wasm instead`);
        }
      }
      try {
        return await startWasmBackend(options, warn);
      } catch (err) {
        warn(`${firstLine(err)}; falling back to the cpu backend, which trains a CNN hundreds of times slower`);
      }
      return startCpu();
    }
    default:
      throw new Error(`unknown backend "${String(choice)}"; choose ${BACKEND_CHOICES.slice(0, -1).join(', ')} or ${BACKEND_CHOICES.at(-1)}`);
  }
}
