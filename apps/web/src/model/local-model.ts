// The in-browser fallback. This module is only ever loaded with a dynamic import(), so tfjs (hundreds of
// kB) is fetched the first time the edge API cannot answer, never on a normal page load.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';

export interface LocalModel {
  /** The tfjs backend that runs it: 'wasm', or 'cpu' where WebAssembly is unavailable. */
  readonly backend: string;
  /** Runs one preprocessed image ([h, w, c], row-major) and returns the model's raw output. */
  predict(data: Float32Array, shape: readonly [number, number, number]): Float32Array;
}

async function chooseBackend(): Promise<string> {
  // Threads would need cross-origin isolation (COOP+COEP) and a worker script; one thread is plenty
  // for a 32x32 input, so only the single-threaded binaries are shipped.
  // tfjs insists on a path for all three binaries; with threads switched off the threaded one is never
  // fetched, so it points at the SIMD file rather than shipping 400 kB nobody loads.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl });
  try {
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch {
    // e.g. a CSP without 'wasm-unsafe-eval', or no WebAssembly: the cpu backend gives the same answer, slower.
  }
  await tf.setBackend('cpu');
  return 'cpu';
}

export async function loadLocalModel(modelUrl: string): Promise<LocalModel> {
  const backend = await chooseBackend();
  await tf.ready();
  const model: GraphModel = await loadGraphModel(modelUrl);
  return {
    backend,
    predict(data, shape) {
      return tf.tidy(() => {
        const input = tf.tensor4d(data, [1, ...shape], 'float32');
        const out = model.predict(input);
        const tensor = Array.isArray(out) ? out[0] : (out as tf.Tensor);
        return tensor.dataSync() as Float32Array;
      });
    },
  };
}
