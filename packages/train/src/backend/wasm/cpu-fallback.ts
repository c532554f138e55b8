import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Warn = (message: string) => void;

/**
 * Runs one CPU-backend kernel for the WASM backend: copies the inputs to the CPU backend, runs the
 * kernel there and copies the outputs back. Slow, but a model with a layer whose gradient wasm lacks
 * (Embedding needs UnsortedSegmentSum; depthwise convolutions need their backprops) still trains.
 */
function runOnCpu(cpuKernel: KernelFunc, warnOnce: () => void): KernelFunc {
  return ({ inputs, attrs, backend }) => {
    warnOnce();
    const wasm = backend as BackendWasm;
    const cpu = tf.findBackend('cpu') as tf.KernelBackend;
    const onCpu: string[] = [];
    const cpuIds: object[] = [];
    const cpuInputs: Record<string, TensorInfo> = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info == null) continue;
      const dataId = cpu.write(wasm.readSync(info.dataId), info.shape, info.dtype);
      cpuIds.push(dataId);
      onCpu.push(name);
      cpuInputs[name] = { dataId, shape: info.shape, dtype: info.dtype };
    }
    try {
      const result = cpuKernel({ inputs: cpuInputs, attrs, backend: cpu });
      const outputs = Array.isArray(result) ? result : [result];
      const copied = outputs.map((o) => {
        cpuIds.push(o.dataId);
        return wasm.makeOutput(o.shape, o.dtype, undefined, cpu.readSync(o.dataId));
      });
      return Array.isArray(result) ? copied : copied[0]!;
    } finally {
      for (const id of new Set(cpuIds)) cpu.disposeData(id, true);
    }
  };
}

/**
 * For every kernel the CPU backend has and the WASM backend lacks, registers a WASM kernel that runs
 * the CPU one, with a one-time warning naming it. Returns the names registered.
 */
export function registerCpuFallbacks(warn: Warn): string[] {
  if (!tf.findBackend('cpu')) throw new Error('the cpu backend is not registered (import @tensorflow/tfjs-backend-cpu)');
  const wasmHas = new Set(tf.getKernelsForBackend('wasm').map((k: KernelConfig) => k.kernelName));
  const registered: string[] = [];
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    if (wasmHas.has(kernel.kernelName)) continue;
    let warned = false;
    const warnOnce = () => {
      if (warned) return;
      warned = true;
      warn(`the wasm backend has no ${kernel.kernelName} kernel: running it on the CPU backend (slow)`);
    };
    tf.registerKernel({ kernelName: kernel.kernelName, backendName: 'wasm', kernelFunc: runOnCpu(kernel.kernelFunc, warnOnce) });
    registered.push(kernel.kernelName);
  }
  return registered;
}
