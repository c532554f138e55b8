import { gzipSync } from 'node:zlib';
import { parseModelCard, sha256Hex, type ModelCard, type PreprocessSpec } from '@inkling/core';
import { countParams } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainConfig } from './config.js';

export interface CardInputs {
  config: TrainConfig;
  model: tfl.LayersModel;
  labels: string[];
  preprocess: PreprocessSpec;
  counts: Record<string, Record<string, number>>;
  epochs: number;
  backend: string;
  weightData: Uint8Array;
  modelJsonBytes: number;
  weightsFile: string;
  metrics: Record<string, number>;
  dataName: string;
  dataSource: string;
  dataSeed?: number;
  command?: string;
}

const INKLING_VERSION = '0.1.0';

/** The model card of a freshly trained layers model (export rewrites format, files and hash). */
export async function buildCard(i: CardInputs): Promise<ModelCard> {
  const [, h, w, c] = i.model.inputs[0].shape as number[];
  const units = (i.model.outputs[0].shape as number[])[1];
  const params = countParams(i.model);
  return parseModelCard({
    schemaVersion: 1,
    name: i.config.name,
    version: new Date().toISOString().slice(0, 10).replaceAll('-', '.'),
    description: `${i.config.model} trained by inkling on ${i.dataName}`,
    createdAt: new Date().toISOString(),
    labels: i.labels,
    input: { shape: [h, w, c] },
    output: { activation: units === 1 ? 'sigmoid' : 'softmax', units },
    preprocess: i.preprocess,
    decision: i.config.decision,
    architecture: { name: i.config.model, params: { total: params.total, trainable: params.trainable } },
    format: 'tfjs-layers-model',
    quantization: 'none',
    files: { model: 'model.json', weights: [i.weightsFile], bytes: i.weightData.byteLength + i.modelJsonBytes, gzipBytes: gzipSync(i.weightData).byteLength },
    weightsHash: { algorithm: 'sha256', value: await sha256Hex([i.weightData]) },
    training: {
      data: { name: i.dataName, source: i.dataSource, ...(i.dataSeed === undefined ? {} : { seed: i.dataSeed }), counts: i.counts },
      epochs: i.epochs,
      batchSize: i.config.batchSize,
      seed: i.config.seed,
      backend: i.backend,
      augmentation: i.config.augment,
      command: i.command,
    },
    metrics: i.metrics,
    versions: { inkling: INKLING_VERSION, tfjs: tf.version_core },
  });
}
