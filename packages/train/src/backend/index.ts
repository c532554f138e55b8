export { prefetchWeights } from './prefetch.js';
export { registerWasmTrainingKernels } from './wasm/register.js';
export {
  backendLabel,
  DEFAULT_WASM_THREADS,
  resolveThreads,
  selectBackend,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type BackendOptions,
} from './select.js';
