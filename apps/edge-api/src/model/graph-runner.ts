import { loadGraphModelSync, type GraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModelJson } from './graph-model-json.js';
import type { RunPlan, WeightEntry } from './run-plan.js';

export interface ModelOutput {
  data: Float32Array;
  shape: number[];
}

/** Runs the graph model on one batch, with its weights resident or streamed as its RunPlan says. */
export interface GraphRunner {
  readonly model: GraphModel<tf.io.IOHandlerSync>;
  readonly plan: RunPlan;
  run(x: tf.Tensor): Promise<ModelOutput>;
}

/** The entries' bytes, back to back, as one buffer (what loadGraphModelSync takes). */
function concatBytes(weights: ArrayBuffer, entries: readonly WeightEntry[]): ArrayBuffer {
  const out = new Uint8Array(entries.reduce((s, e) => s + e.byteLength, 0));
  let at = 0;
  for (const e of entries) {
    out.set(new Uint8Array(weights, e.offset, e.byteLength), at);
    at += e.byteLength;
  }
  return out.buffer;
}

/** Every float16 bit pattern as a float32 (256 KiB, built on first use): exact, and no allocation per weight. */
let halfTable: Float32Array | undefined;
function float16Table(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    halfTable[h] =
      exponent === 0 ? sign * fraction * 2 ** -24 : exponent === 31 ? (fraction ? NaN : sign * Infinity) : sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }
  return halfTable;
}

/** A typed view of the bytes when they are aligned for it, else a copy (weights.bin packs entries back to back). */
function aligned<T extends Float32Array | Uint16Array>(Type: { new (buffer: ArrayBuffer, offset?: number, length?: number): T; BYTES_PER_ELEMENT: number }, buffer: ArrayBuffer, offset: number, length: number): T {
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(buffer, offset, length);
  return new Type(buffer.slice(offset, offset + length * Type.BYTES_PER_ELEMENT));
}

/**
 * Makes streamed weights as float32 tensors, dequantized the way tfjs's decodeWeights does, through
 * one reused scratch array: tfjs-decodeWeights would leave a new float32 copy of every weight as
 * garbage on each request (60 MB per VGG16 run, which the isolate counts until V8 collects it).
 * The backend copies a tensor's values when it is made, so the scratch can be reused at once.
 */
export function streamedWeightMaker(weights: ArrayBuffer, plan: RunPlan): (entries: readonly WeightEntry[]) => tf.NamedTensorMap {
  const largest = Math.max(0, ...(plan.segments ?? []).flatMap((s) => s.weights.map((w) => w.float32Bytes / 4)));
  let scratch: Float32Array | undefined;
  return (entries) => {
    const out: tf.NamedTensorMap = {};
    for (const { spec, offset, byteLength, float32Bytes } of entries) {
      const q = spec.quantization;
      if (spec.dtype !== 'float32' || (q && !['uint8', 'uint16', 'float16'].includes(q.dtype))) {
        Object.assign(out, tf.io.decodeWeights(weights.slice(offset, offset + byteLength), [spec]));
        continue;
      }
      scratch ??= new Float32Array(largest);
      const values = scratch.subarray(0, float32Bytes / 4);
      if (!q) values.set(aligned(Float32Array, weights, offset, values.length));
      else if (q.dtype === 'float16') {
        const table = float16Table();
        const halves = aligned(Uint16Array, weights, offset, values.length);
        for (let i = 0; i < values.length; i++) values[i] = table[halves[i]];
      } else {
        const ints = q.dtype === 'uint8' ? new Uint8Array(weights, offset, values.length) : aligned(Uint16Array, weights, offset, values.length);
        const scale = q.scale ?? 1;
        const min = q.min ?? 0;
        for (let i = 0; i < values.length; i++) values[i] = ints[i] * scale + min;
      }
      out[spec.name] = tf.tensor(values, spec.shape, 'float32');
    }
    return out;
  };
}

async function readAndDispose(y: tf.Tensor): Promise<ModelOutput> {
  try {
    return { data: (await y.data()) as Float32Array, shape: y.shape };
  } finally {
    y.dispose();
  }
}

/**
 * Loads the graph with its resident weights only. A streamed model then runs segment by segment
 * through GraphModel.execute(inputs, outputs): the streamed weights go in as inputs (tfjs feeds a
 * Const node from the inputs like any other node) and are disposed after their segment, which also
 * frees the packed copy XNNPACK keeps per convolution filter. So the backend holds one segment's
 * weights at a time instead of all of them twice.
 */
export function createGraphRunner(json: GraphModelJson, weights: ArrayBuffer, plan: RunPlan): GraphRunner {
  const model = loadGraphModelSync({
    modelTopology: json.modelTopology,
    weightSpecs: plan.resident.map((e) => e.spec),
    weightData: plan.segments ? concatBytes(weights, plan.resident) : weights,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  });
  const segments = plan.segments;
  if (!segments) return { model, plan, run: (x) => readAndDispose(model.execute(x) as tf.Tensor) };

  const inputName = model.inputs[0].name;
  const makeWeights = streamedWeightMaker(weights, plan);
  return {
    model,
    plan,
    async run(x) {
      let carry: tf.NamedTensorMap = { [inputName]: x };
      for (const segment of segments) {
        const streamed = makeWeights(segment.weights);
        let out: tf.Tensor | tf.Tensor[];
        try {
          out = model.execute({ ...carry, ...streamed }, segment.to ?? undefined);
        } finally {
          tf.dispose(Object.values(streamed));
          if (segment.from !== null) tf.dispose(Object.values(carry));
        }
        if (segment.to === null) return readAndDispose(Array.isArray(out) ? out[0] : out);
        carry = { [segment.to[0]]: Array.isArray(out) ? out[0] : out };
      }
      throw new Error('the run plan has no last segment');
    },
  };
}
