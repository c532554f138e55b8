export { registerWasmTrainingKernels } from './wasm/register.js';
export {
  DEFAULT_WASM_THREADS,
  resolveThreads,
  selectBackend,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type BackendOptions,
} from './select.js';
