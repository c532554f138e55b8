import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ModelCard } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readCard } from '../evaluate/load-model.js';
import { readModelArtifacts } from '../layers-model-files/index.js';
import { ExportError } from './errors.js';

export interface SourceModel {
  /** The folder holding the layers model.json. */
  dir: string;
  model: tfl.LayersModel;
  /** card.json beside the model, when there is one. */
  card?: ModelCard;
  /** Bytes of model.json plus its weight files, as stored. */
  bytes: number;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * The folder of the layers model to export: a run folder's best model (`RUNDIR/model/`), or any
 * folder (or model.json path) holding a layers model. Every miss is an ExportError saying what is
 * missing where.
 */
export function resolveSourceDir(source: { run?: string; model?: string }): string {
  if (source.run !== undefined && source.model !== undefined) throw new ExportError('give either --run or --model, not both');
  if (source.run !== undefined) {
    const run = resolve(source.run);
    if (!existsSync(run)) throw new ExportError(`run folder ${run} does not exist`);
    if (!isDir(run)) throw new ExportError(`${run} is not a folder; --run takes a training run's folder`);
    const dir = join(run, 'model');
    if (!existsSync(join(dir, 'model.json'))) throw new ExportError(`run folder ${run} has no model/model.json (training saves its best model there; has this run finished an epoch?)`);
    return dir;
  }
  if (source.model !== undefined) {
    const path = resolve(source.model);
    if (!existsSync(path)) throw new ExportError(`${path} does not exist`);
    if (!isDir(path)) {
      if (basename(path) === 'model.json') return dirname(path);
      throw new ExportError(`${path} is not a folder; --model takes a folder holding model.json and its weights`);
    }
    if (!existsSync(join(path, 'model.json'))) throw new ExportError(`no model.json in ${path}; --model takes a folder holding a tfjs layers model (model.json and its weights)`);
    return path;
  }
  throw new ExportError('say which model to export: --run RUNDIR or --model DIR');
}

/** The card beside the model, when there is one (read as `inkling evaluate` reads it). */
async function cardOf(dir: string): Promise<ModelCard | undefined> {
  const path = join(dir, 'card.json');
  if (!existsSync(path)) return undefined;
  try {
    return await readCard(dir);
  } catch (err) {
    throw new ExportError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Loads the layers model in `dir` (with layers-model-files' reader, which checks the weight bytes) and its card. */
export async function loadSourceModel(dir: string): Promise<SourceModel> {
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await readModelArtifacts(dir);
  } catch (err) {
    throw new ExportError(`cannot read the model in ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (artifacts.format === 'graph-model') throw new ExportError(`${join(dir, 'model.json')} is already a graph model; export converts a layers model (format "layers-model")`);
  let model: tfl.LayersModel;
  try {
    model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (err) {
    throw new ExportError(`${join(dir, 'model.json')} does not load as a tfjs layers model: ${err instanceof Error ? err.message : String(err)}`);
  }
  const card = await cardOf(dir);
  const weightBytes = artifacts.weightData ? new tf.io.CompositeArrayBuffer(artifacts.weightData).byteLength : 0;
  const bytes = weightBytes + statSync(join(dir, 'model.json')).size;
  return { dir, model, card, bytes };
}
