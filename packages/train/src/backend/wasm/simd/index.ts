import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { encodeModule, type FunctionBuilder } from './emitter.js';
import { filterGradientTile } from './filter-gradient-kernels.js';
import { maxPoolGradKernel } from './max-pool-grad-kernel.js';
import { columnSumsKernel } from './column-sums-kernel.js';

type Fn = (...args: number[]) => void;

/** The slice of the WebAssembly JS API used here (the ES2022 lib that this package compiles against has no typings for it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The hand-written SIMD kernels, instantiated over one tfjs WASM heap. Arguments are byte offsets into it. */
export interface SimdKernels {
  /** `filterGradientTile(k, c)` for k = 1..4 rows and c = 1..2 vectors of 4 output channels. */
  filterGradientTile(kTile: number, coVectors: number): Fn;
  maxPoolGrad: Fn;
  /** maxPoolGrad for windows that tile the input (stride = window, no padding): writes instead of accumulating. */
  maxPoolGradTiled: Fn;
  columnSums: Fn;
  memory: WasmMemory;
}

export const MAX_K_TILE = 4;
export const MAX_CO_VECTORS = 2;

function allFunctions(): FunctionBuilder[] {
  const fns = [maxPoolGradKernel(false), maxPoolGradKernel(true), columnSumsKernel()];
  for (let k = 1; k <= MAX_K_TILE; k++) for (let c = 1; c <= MAX_CO_VECTORS; c++) fns.push(filterGradientTile(k, c));
  return fns;
}

interface WasmModuleInternals {
  asm?: { memory?: WasmMemory };
  wasmMemory?: WasmMemory;
}

/** The heap of the tfjs WASM module: exported by the single-threaded build, imported (shared) by the threaded one. */
export function wasmHeap(backend: BackendWasm): WasmMemory {
  const module = backend.wasm as unknown as WasmModuleInternals;
  const memory = module.wasmMemory ?? module.asm?.memory;
  if (!memory) throw new Error('cannot find the tfjs WASM heap (tfjs-backend-wasm internals changed?)');
  return memory;
}

const instances = new WeakMap<WasmMemory, SimdKernels>();

/** Compiles (once per heap, about a millisecond) and returns the SIMD kernels for this backend. */
export function simdKernels(backend: BackendWasm): SimdKernels {
  const memory = wasmHeap(backend);
  let kernels = instances.get(memory);
  if (!kernels) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new WebAssemblyApi.Module(encodeModule(allFunctions(), shared));
    const exports = new WebAssemblyApi.Instance(module, { env: { memory } }).exports as Record<string, Fn>;
    kernels = {
      filterGradientTile: (k, c) => exports[`dw_k${k}_c${c}`]!,
      maxPoolGrad: exports.maxpool_grad!,
      maxPoolGradTiled: exports.maxpool_grad_tiled!,
      columnSums: exports.column_sums!,
      memory,
    };
    instances.set(memory, kernels);
  }
  return kernels;
}

/** Byte offset of a tensor's data in the WASM heap. */
export function heapOffset(backend: BackendWasm, dataId: object): number {
  return backend.getMemoryOffset(dataId);
}
