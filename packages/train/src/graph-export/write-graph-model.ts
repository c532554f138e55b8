import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { prefetchWeights } from '../backend/prefetch.js';
import { writeFileAtomic } from '../util/atomic.js';
import { layersToGraph } from './layers-to-graph.js';
import { encodeWeights, type Quantization } from './quantize.js';

export const MODEL_FILE = 'model.json';
/**
 * All weights go in one file, not tfjs's 4 MB `group1-shardNofM.bin` shards: the edge app imports the
 * weights as a single Data module, browsers fetch one file, and Inkling's models are far below the
 * size where sharding helps caching (the 150×150×3 LeNet is 4.8 MB in float32, 1.2 MB in uint8).
 */
export const WEIGHTS_FILE = 'weights.bin';

export interface GraphModelOptions {
  /** Weight quantisation in the manifest (default none: float32). */
  quantize?: Quantization;
}

export interface GraphModelFiles {
  /** The content of model.json. */
  modelJson: tf.io.ModelJSON;
  /** model.json exactly as written (compact JSON). */
  modelJsonText: string;
  /** The bytes of weights.bin. */
  weightData: Uint8Array;
  weightSpecs: tf.io.WeightsManifestEntry[];
  quantization: Quantization;
}

export interface WrittenFile {
  name: string;
  bytes: number;
  /** Size after gzip (node:zlib, default level): what a Worker bundle or an HTTP response pays. */
  gzipBytes: number;
}

/** The tfjs graph model of a layers model, in memory: model.json's content and the weight bytes. */
export async function toGraphModel(model: tfl.LayersModel, options: GraphModelOptions = {}): Promise<GraphModelFiles> {
  const quantization = options.quantize ?? 'none';
  await prefetchWeights(model);
  const converted = layersToGraph(model);
  const { data, specs } = encodeWeights(converted.weights, quantization);
  const modelJson: tf.io.ModelJSON = {
    format: 'graph-model',
    generatedBy: `tfjs-layers ${tf.version_core}`,
    convertedBy: 'inkling export',
    modelTopology: converted.graph as unknown as tf.io.ModelJSON['modelTopology'],
    signature: converted.signature,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  return { modelJson, modelJsonText: JSON.stringify(modelJson), weightData: data, weightSpecs: specs, quantization };
}

/** The graph model as tfjs's in-memory artifacts, for `tf.io.fromMemory` and `loadGraphModel`. */
export function graphModelArtifacts(files: GraphModelFiles): tf.io.ModelArtifacts {
  const { modelJson, weightData, weightSpecs } = files;
  const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
  return { modelTopology: modelJson.modelTopology, format: modelJson.format, generatedBy: modelJson.generatedBy, convertedBy: modelJson.convertedBy, signature: modelJson.signature, weightSpecs, weightData: buffer };
}

/** Sizes of the files as written: raw and gzipped. */
export function fileSizes(files: GraphModelFiles): WrittenFile[] {
  const json = new TextEncoder().encode(files.modelJsonText);
  return [
    { name: MODEL_FILE, bytes: json.byteLength, gzipBytes: gzipSync(json).byteLength },
    { name: WEIGHTS_FILE, bytes: files.weightData.byteLength, gzipBytes: gzipSync(files.weightData).byteLength },
  ];
}

/**
 * Writes model.json and weights.bin into `dir`, each atomically, the weights first so that a
 * model.json on disk never names weights that are not there yet. Returns the files' sizes.
 */
export async function writeGraphModel(files: GraphModelFiles, dir: string): Promise<WrittenFile[]> {
  await writeFileAtomic(join(dir, WEIGHTS_FILE), files.weightData);
  await writeFileAtomic(join(dir, MODEL_FILE), files.modelJsonText);
  return fileSizes(files);
}
