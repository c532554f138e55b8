import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFileAtomic, writeJsonAtomic } from '../util/atomic.js';
import { layersToGraph } from './layers-to-graph.js';

export const WEIGHTS_FILE = 'weights.bin';

export interface GraphModelFiles {
  modelJson: Record<string, unknown>;
  weightData: Uint8Array;
  weightSpecs: tf.io.WeightsManifestEntry[];
}

/** The graph model of a layers model, in memory: model.json's content and the weight bytes. */
export async function toGraphModel(model: tfl.LayersModel): Promise<GraphModelFiles> {
  const converted = layersToGraph(model);
  const named = Object.fromEntries(converted.weights.map((w) => [w.name, w.tensor]));
  const { data, specs } = await tf.io.encodeWeights(named);
  const weightData = new Uint8Array(data);
  const modelJson = {
    format: 'graph-model',
    generatedBy: `tfjs-layers ${tf.version_core}`,
    convertedBy: 'inkling export',
    modelTopology: converted.graph,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  return { modelJson, weightData, weightSpecs: specs };
}

/** Writes model.json and its weights into `dir` (each file atomically; weights before the json). */
export async function writeGraphModel(files: GraphModelFiles, dir: string): Promise<void> {
  await writeFileAtomic(join(dir, WEIGHTS_FILE), files.weightData);
  await writeJsonAtomic(join(dir, 'model.json'), files.modelJson);
}
