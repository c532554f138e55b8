export { registerWasmTrainingKernels } from './wasm/register.js';
export { selectBackend, type BackendChoice, type BackendInfo, type BackendName } from './select.js';
