import * as tf from '@tensorflow/tfjs-core';

/** What the model costs in memory right now, as the Worker can see it from inside. */
export interface MemoryReport {
  /** Bytes of all live tensors (tfjs's memory()). */
  tensorBytes: number;
  tensors: number;
  /**
   * The WASM backend's linear memory. It only grows, so it is also the backend's peak so far;
   * null on the CPU backend, whose tensors live in the JS heap.
   */
  wasmHeapBytes: number | null;
}

interface WasmBackendInternals {
  wasm?: { HEAPU8?: Uint8Array };
}

export function memoryReport(): MemoryReport {
  const { numBytes, numTensors } = tf.memory();
  // tfjs-backend-wasm 4.22.0 keeps its emscripten module as `backend.wasm` (the adapter's guard
  // test pins the version); HEAPU8 views the whole linear memory.
  const heap = tf.getBackend() === 'wasm' ? (tf.backend() as unknown as WasmBackendInternals).wasm?.HEAPU8 : undefined;
  return { tensorBytes: numBytes, tensors: numTensors, wasmHeapBytes: heap ? heap.buffer.byteLength : null };
}
