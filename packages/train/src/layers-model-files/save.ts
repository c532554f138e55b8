import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '../util/atomic.js';
import { MODEL_JSON, STALE_TEMP, WEIGHTS_FILE, WEIGHTS_JSON, WEIGHTS_ONLY_FORMAT } from './format.js';

export interface SavedModel {
  dir: string;
  /** model.json, or weights.json for a weights-only save. */
  manifestPath: string;
  weightsPath: string;
  /** The weight bytes as written (model weights, then optimizer weights when included). */
  weightData: Uint8Array;
  /** Bytes of the manifest plus the weights file. */
  bytes: number;
}

export interface SaveOptions {
  /**
   * Also save the optimizer's configuration (with its current learning rate) and state (Adam's
   * moments, the iteration count), so a model loaded with loadLayersModelFromDir continues training
   * exactly where it stopped. Default false.
   */
  includeOptimizer?: boolean;
}

/**
 * Saves a tfjs layers model to `dir` (model.json + one weights file) so that a crash at any moment
 * leaves either the previous save or the new one, complete (see format.ts).
 */
export async function saveLayersModelToDir(model: tfl.LayersModel, dir: string, options: SaveOptions = {}): Promise<SavedModel> {
  const artifacts = await captureArtifacts(model);
  if (options.includeOptimizer && model.optimizer) {
    // Done here rather than by save({includeOptimizer}), which leaks the iteration-count scalar
    // that optimizer.getWeights() creates on every save.
    const named = await model.optimizer.getWeights();
    const { data, specs } = await tf.io.encodeWeights(named, 'optimizer');
    tf.dispose(named.map((n) => n.tensor).filter((t) => !(t instanceof tf.Variable)));
    artifacts.weightSpecs = [...(artifacts.weightSpecs ?? []), ...specs];
    artifacts.weightData = tf.io.concatenateArrayBuffers([joinWeightData(artifacts.weightData), data]);
    // Protected in the typings, public at runtime: the same config model.save writes.
    artifacts.trainingConfig = (model as unknown as { getTrainingConfig(): tf.io.TrainingConfig }).getTrainingConfig();
  }
  return writeArtifactsToDir(dir, artifacts);
}

/** Saves only the weights, as `dir/weights.json` + a weights file; read back with loadWeightsFromDir. */
export async function saveWeightsToDir(model: tfl.LayersModel, dir: string): Promise<SavedModel> {
  const artifacts = await captureArtifacts(model);
  return writeArtifactsToDir(dir, { modelTopology: undefined, format: WEIGHTS_ONLY_FORMAT, generatedBy: artifacts.generatedBy, weightSpecs: artifacts.weightSpecs, weightData: artifacts.weightData });
}

/**
 * A tf.io save handler writing to a Node folder in the format above, for `model.save(handler)`.
 * (tfjs-node's `file://` handler is not available without tfjs-node.) Prefer saveLayersModelToDir
 * to include the optimizer: save({includeOptimizer: true}) leaks one scalar per call.
 */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      await writeArtifactsToDir(dir, artifacts);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/** Writes model artifacts to `dir`: the weights under a new content-named file, then the manifest. */
export async function writeArtifactsToDir(dir: string, artifacts: tf.io.ModelArtifacts): Promise<SavedModel> {
  if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('saving a binary (protobuf) model topology is not supported; this writes tfjs layers models');
  const weightData = new Uint8Array(joinWeightData(artifacts.weightData));
  const weightsName = `weights.${createHash('sha256').update(weightData).digest('hex').slice(0, 16)}.bin`;
  const weightsOnly = artifacts.format === WEIGHTS_ONLY_FORMAT;
  const manifestName = weightsOnly ? WEIGHTS_JSON : MODEL_JSON;
  const json: Partial<tf.io.ModelJSON> = {
    ...(weightsOnly ? {} : { modelTopology: artifacts.modelTopology as {} }),
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
    ...(artifacts.signature ? { signature: artifacts.signature } : {}),
    ...(artifacts.modelInitializer ? { modelInitializer: artifacts.modelInitializer } : {}),
    ...(artifacts.initializerSignature ? { initializerSignature: artifacts.initializerSignature } : {}),
  };
  const text = JSON.stringify(json);
  await mkdir(dir, { recursive: true });
  const weightsPath = join(dir, weightsName);
  const manifestPath = join(dir, manifestName);
  await writeFileAtomic(weightsPath, weightData);
  await writeFileAtomic(manifestPath, text); // the commit point
  await removeUnreferenced(dir);
  return { dir, manifestPath, weightsPath, weightData, bytes: weightData.byteLength + Buffer.byteLength(text) };
}

/** The artifacts model.save produces, kept in memory. */
async function captureArtifacts(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!captured) throw new Error('the model produced nothing to save');
  return captured;
}

function joinWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

/** Deletes weights files no manifest in `dir` names, and temporaries of crashed saves. */
async function removeUnreferenced(dir: string): Promise<void> {
  const keep = new Set<string>();
  for (const name of [MODEL_JSON, WEIGHTS_JSON]) {
    let json: Partial<tf.io.ModelJSON>;
    try {
      json = JSON.parse(await readFile(join(dir, name), 'utf8')) as Partial<tf.io.ModelJSON>;
    } catch {
      continue;
    }
    for (const group of json.weightsManifest ?? []) for (const p of group.paths) keep.add(p);
  }
  for (const entry of await readdir(dir)) {
    if ((WEIGHTS_FILE.test(entry) && !keep.has(entry)) || STALE_TEMP.test(entry)) await rm(join(dir, entry), { force: true });
  }
}
