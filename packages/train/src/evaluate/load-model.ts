import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readModelArtifacts } from '../layers-model-files/index.js';
import { dirname, join } from 'node:path';
import { parseModelCard, type ModelCard } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tfl from '@tensorflow/tfjs-layers';

export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/** Anything that maps a batch of model inputs to outputs: a layers or a graph model. */
export interface Predictor {
  predict(x: tf.Tensor4D): tf.Tensor;
  dispose(): void;
}

export interface LoadedModel {
  /** The folder holding model.json. */
  dir: string;
  format: 'layers-model' | 'graph-model';
  card: ModelCard;
  predictor: Predictor;
  /** The layers model, when the format is layers (for training, reports and export). */
  layers?: tfl.LayersModel;
}

/**
 * Where the model of `path` is: a run folder (its best model in `model/`), or a folder with
 * `model.json` (layers or graph format) and `card.json` beside it.
 */
export function resolveModelDir(path: string): string {
  if (existsSync(join(path, 'model.json'))) return path;
  if (existsSync(join(path, 'model', 'model.json'))) return join(path, 'model');
  if (path.endsWith('model.json') && existsSync(path)) return dirname(path);
  throw new ModelLoadError(`no model at ${path}: expected a run folder (with model/model.json) or a folder with model.json`);
}

export async function readCard(dir: string): Promise<ModelCard> {
  const path = join(dir, 'card.json');
  if (!existsSync(path)) throw new ModelLoadError(`no card.json beside ${join(dir, 'model.json')}: the model card says how to preprocess images and what the labels are`);
  return parseModelCard(JSON.parse(await readFile(path, 'utf8')));
}

/** Loads a layers or graph model with its card, ready to predict. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const dir = resolveModelDir(path);
  const card = await readCard(dir);
  const artifacts = await readModelArtifacts(dir);
  if (artifacts.format === 'graph-model') {
    const graph = await loadGraphModel(tf.io.fromMemory(artifacts));
    return { dir, format: 'graph-model', card, predictor: { predict: (x) => graph.predict(x) as tf.Tensor, dispose: () => graph.dispose() } };
  }
  const layers = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  return { dir, format: 'layers-model', card, layers, predictor: { predict: (x) => layers.predict(x) as tf.Tensor, dispose: () => layers.dispose() } };
}
