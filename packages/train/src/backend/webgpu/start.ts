import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { adapterFrom, describeAdapter, loadDawn, noAdapterHint, requestAdapter, type GpuAdapter } from './dawn.js';
import { guardSyncReads, type WebgpuBackendClass } from './internals.js';
import { registerWebgpuTrainingKernels } from './register.js';

export interface WebgpuStarted {
  adapter: GpuAdapter;
  /** Kernels Inkling replaced (wrong or missing in tfjs-backend-webgpu 4.22). */
  replacedKernels: string[];
}

let started: Promise<WebgpuStarted> | null = null;

/** Dawn's globals (GPUBufferUsage and friends, which tfjs reads) and navigator.gpu, as in a browser. */
function installGlobals(globals: object, gpu: GPU): void {
  Object.assign(globalThis, globals);
  const g = globalThis as { navigator?: object };
  // Node ≥ 21 has a navigator of its own: add gpu to it rather than replace it.
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else g.navigator = { gpu };
}

/** The device tfjs-backend-webgpu's own factory would request: the adapter's limits, and timestamp queries where offered. */
async function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const l = adapter.limits;
  const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  return adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
}

async function startOnce(): Promise<WebgpuStarted> {
  const dawn = await loadDawn();
  const found = await requestAdapter(dawn);
  if (!found) throw new Error(`Dawn found no GPU adapter (${noAdapterHint()})`);
  const adapter = adapterFrom(found.adapter.info);
  installGlobals(dawn.globals, found.gpu);
  let WebGPUBackend: WebgpuBackendClass;
  try {
    ({ WebGPUBackend } = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as { WebGPUBackend: WebgpuBackendClass });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`it needs the optional npm package "@tensorflow/tfjs-backend-webgpu" 4.22.0, which does not load here (${why})`);
  }
  // tfjs registers a factory that picks its own adapter when it sees navigator.gpu: use the one described instead.
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const device = await requestDevice(found.adapter);
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, found.adapter.info), 0);
  guardSyncReads(WebGPUBackend);
  const replacedKernels = registerWebgpuTrainingKernels();
  return { adapter, replacedKernels };
}

/**
 * Starts tfjs-backend-webgpu on Dawn's high-performance adapter (once per process) and makes it the
 * current backend. Throws a message naming the problem when npm `webgpu` or the tfjs backend is
 * missing, or Dawn finds no adapter. A software adapter (SwiftShader) is accepted here: asked for
 * explicitly it is how CI tests this path; `auto` never picks one (see select.ts).
 */
export async function startWebgpu(): Promise<WebgpuStarted> {
  started ??= startOnce();
  let result: WebgpuStarted;
  try {
    result = await started;
  } catch (err) {
    started = null;
    throw err;
  }
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not initialise it (see the messages above)');
  await tf.ready();
  return result;
}

export { describeAdapter };
