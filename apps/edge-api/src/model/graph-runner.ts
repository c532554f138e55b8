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

/** Float32 tensors (dequantized) of some weights, made from the bundled bytes. */
function materialize(weights: ArrayBuffer, entries: readonly WeightEntry[]): tf.NamedTensorMap {
  return tf.io.decodeWeights(concatBytes(weights, entries), entries.map((e) => e.spec));
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
  return {
    model,
    plan,
    async run(x) {
      let carry: tf.NamedTensorMap = { [inputName]: x };
      for (const segment of segments) {
        const streamed = materialize(weights, segment.weights);
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
