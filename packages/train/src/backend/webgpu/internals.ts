import type * as tf from '@tensorflow/tfjs-core';
import type { DataId } from '@tensorflow/tfjs-core';

/**
 * Every use of tfjs-backend-webgpu 4.22's internals is in this file, each checked by internals.test.ts,
 * so a tfjs upgrade that changes them fails a test instead of a training run.
 */

interface TensorData {
  values: unknown;
  dtype: string;
}

/** A compute shader as tfjs-backend-webgpu runs it (its WebGPUProgram interface). */
export interface WebgpuProgram {
  variableNames: string[];
  /** WGSL struct members, "name : type," each, in the order of the uniform data. */
  uniforms: string;
  outputShape: number[];
  shaderKey: string;
  /** tfjs adds uniforms.size (the output's element count). */
  size: boolean;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  getUserCode(): string;
}

export interface UniformData {
  type: 'int32' | 'float32';
  data: number[];
}

/** The slice of WebGPUBackend (not exported as a type by the package's Node bundle) used here. */
export interface WebgpuBackendInstance extends tf.KernelBackend {
  tensorMap: { get(dataId: DataId): TensorData | undefined };
  runWebGPUProgram(program: WebgpuProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: UniformData[]): tf.TensorInfo;
}
export interface WebgpuBackendClass {
  new (device: GPUDevice, adapterInfo?: GPUAdapterInfo): WebgpuBackendInstance;
  prototype: WebgpuBackendInstance;
}

export const SYNC_READ_MESSAGE =
  'the webgpu backend cannot read tensor data synchronously in Node (tfjs does it through OffscreenCanvas, which Node lacks): await tensor.data() first, or read with backend/prefetch.ts';

const guarded = new WeakSet<object>();

/**
 * readSync of data that is only on the GPU goes through OffscreenCanvas, and fails in Node with
 * "OffscreenCanvas is not defined". Data already read (await data()) or never uploaded is cached on
 * the CPU and still reads synchronously; anything else now fails with a message that says why.
 */
export function guardSyncReads(backendClass: WebgpuBackendClass): void {
  const proto = backendClass.prototype;
  if (guarded.has(proto)) return;
  guarded.add(proto);
  const readSync = proto.readSync;
  proto.readSync = function (this: WebgpuBackendInstance, dataId: DataId) {
    const data = this.tensorMap.get(dataId);
    if (data && data.values == null && data.dtype !== 'string' && data.dtype !== 'complex64' && !('OffscreenCanvas' in globalThis)) {
      throw new Error(SYNC_READ_MESSAGE);
    }
    return readSync.call(this, dataId);
  };
}

/** The header tfjs's shader generator expects of a program's main (webgpu_program.ts getMainHeaderString). */
export const MAIN_WITH_INDEX = 'fn main(index : i32)';

/** One thread per output element, 64 to a workgroup (webgpu_util's flatDispatchLayout and computeDispatch). */
export function flatDispatch(outputShape: number[]): Pick<WebgpuProgram, 'dispatchLayout' | 'dispatch' | 'workgroupSize'> {
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const size = outputShape.reduce((a, b) => a * b, 1);
  return { dispatchLayout: { x: outputShape.map((_, i) => i) }, dispatch: [Math.ceil(size / workgroupSize[0]), 1, 1], workgroupSize };
}

/** Runs a program on the webgpu backend. */
export function runProgram(backend: tf.KernelBackend, program: WebgpuProgram, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms: UniformData[]): tf.TensorInfo {
  return (backend as WebgpuBackendInstance).runWebGPUProgram(program, inputs, dtype, uniforms);
}
