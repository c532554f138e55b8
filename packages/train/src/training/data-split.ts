import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PreprocessSpec } from '@inkling/core';
import { DataFolderError, flowFromDirectory, type ClassMode, type DirectoryIterator } from '../data/index.js';
import type { TrainConfig } from './config.js';

export interface DataSplit {
  train: DirectoryIterator;
  validation: DirectoryIterator;
  /** Where validation comes from, for the log and the card. */
  validationSource: string;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * The training and validation iterators of a data folder. A folder with `train/` uses it for
 * training and `validation/` (or `test/`) for validation, as the seed lesson's folders; a plain
 * folder of class sub-folders is split by `validationSplit` (seeded).
 */
export async function loadDataSplit(config: TrainConfig, spec: PreprocessSpec, classMode: ClassMode | undefined, shuffle: boolean, onWarning?: (m: string) => void): Promise<DataSplit> {
  if (!isDir(config.data)) throw new DataFolderError(`data folder ${config.data} does not exist`);
  const common = { spec, batchSize: config.batchSize, seed: config.seed, onWarning };
  const trainDir = isDir(join(config.data, 'train')) ? join(config.data, 'train') : config.data;
  const valDir =
    config.validationData ?? (trainDir !== config.data ? [join(config.data, 'validation'), join(config.data, 'test')].find(isDir) : undefined);
  const probe = await flowFromDirectory(trainDir, { ...common, shuffle: false, classMode: 'sparse', cacheBytes: 0 });
  const mode: ClassMode = classMode ?? (probe.labels.length === 2 ? 'binary' : 'categorical');
  if (valDir) {
    if (!isDir(valDir)) throw new DataFolderError(`validation folder ${valDir} does not exist`);
    const train = await flowFromDirectory(trainDir, { ...common, classMode: mode, shuffle });
    const validation = await flowFromDirectory(valDir, { ...common, classMode: mode, shuffle: false, classes: train.labels });
    return { train, validation, validationSource: `folder ${basename(valDir)}` };
  }
  const split = { validationSplit: config.validationSplit };
  const train = await flowFromDirectory(trainDir, { ...common, ...split, classMode: mode, shuffle, subset: 'training' });
  const validation = await flowFromDirectory(trainDir, { ...common, ...split, classMode: mode, shuffle: false, subset: 'validation', classes: train.labels });
  return { train, validation, validationSource: `${Math.round(config.validationSplit * 100)}% of each class, seed ${config.seed}` };
}

/** Images per class of an iterator, e.g. { o: 900, x: 900 }. */
export function classCounts(it: DirectoryIterator): Record<string, number> {
  const counts = Object.fromEntries(it.labels.map((l) => [l, 0]));
  for (const s of it.samples) counts[it.labels[s.classIndex]]++;
  return counts;
}

/** The data set's folder of examples per style (written by `inkling dataset`), when it has one. */
export function examplesDirOf(dataDir: string): string | undefined {
  const dir = join(dataDir, 'examples');
  return isDir(dir) ? dir : undefined;
}
