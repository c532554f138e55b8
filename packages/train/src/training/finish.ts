import { join } from 'node:path';
import type { ModelCard, PreprocessSpec } from '@inkling/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { evaluate, type EvaluationResult } from '../evaluate/index.js';
import { exportedCard, toGraphModel, writeGraphModel } from '../graph-export/index.js';
import { saveLayersModelToDir } from '../layers-model-files/index.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { dataSetName, dataSetOrigin } from '../util/data-name.js';
import { buildCard } from './card.js';
import type { TrainConfig } from './config.js';
import { classCounts, loadDataSplit, type DataSplit } from './data-split.js';
import type { RunFolder } from './run-folder.js';

export interface NamedEvaluation {
  name: string;
  dataDir: string;
  result: EvaluationResult;
}

/**
 * After training: scores the (best) model on the training and validation images, writes its card
 * beside it, and exports it as a graph model with its own card, ready for the edge and the page.
 */
export async function finishRun(args: {
  run: RunFolder;
  config: TrainConfig;
  model: tfl.LayersModel;
  spec: PreprocessSpec;
  data: DataSplit;
  epochsRun: number;
  bestEpoch: number;
  backend: string;
  command?: string;
}): Promise<{ card: ModelCard; evaluations: NamedEvaluation[] }> {
  const { run, config, model, spec, data } = args;
  const labels = data.train.labels;
  const saved = await saveLayersModelToDir(model, run.model);
  const card = await buildCard({
    config,
    model,
    labels,
    preprocess: spec,
    counts: { train: classCounts(data.train), validation: classCounts(data.validation) },
    epochs: args.epochsRun,
    backend: args.backend,
    weightData: saved.weightData,
    modelJsonBytes: saved.bytes - saved.weightData.byteLength,
    weightsFile: saved.weightsPath.split('/').pop() as string,
    metrics: {},
    dataName: dataSetName(config.data),
    dataSource: `${dataSetOrigin(config.data)?.description ?? 'folder of images'}; validation: ${data.validationSource}`,
    dataSeed: dataSetOrigin(config.data)?.seed,
    command: args.command,
  });

  const predictor = { predict: (x: tf.Tensor4D) => model.predict(x) as tf.Tensor, dispose: () => {} };
  const inOrder = await loadDataSplit(config, spec, data.train.classMode, false);
  const evaluations: NamedEvaluation[] = [];
  for (const [name, it] of [['train', inOrder.train], ['validation', inOrder.validation]] as const) {
    evaluations.push({ name, dataDir: it.directory, result: await evaluate(predictor, it, card) });
  }
  card.metrics = { train_accuracy: evaluations[0].result.accuracy, val_accuracy: evaluations[1].result.accuracy, best_epoch: args.bestEpoch, epochs_run: args.epochsRun };
  card.evaluations = evaluations.map((e) => ({ data: e.name, images: e.result.predictions.length, accuracy: e.result.accuracy }));
  await writeJsonAtomic(join(run.model, 'card.json'), card);
  await writeJsonAtomic(run.metrics, card.metrics);

  const graph = await toGraphModel(model);
  await writeJsonAtomic(join(run.graph, 'card.json'), await exportedCard(card, graph, await writeGraphModel(graph, run.graph)));
  return { card, evaluations };
}
