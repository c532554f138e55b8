export { registerWasmTrainingKernels, selectBackend, type BackendChoice, type BackendInfo, type BackendName } from './select.js';
