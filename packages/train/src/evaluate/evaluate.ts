import { relative } from 'node:path';
import { decide, type ModelCard } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import type { DirectoryIterator } from '../data/index.js';
import type { Predictor } from './load-model.js';
import type { ClassMetrics, EvaluationResult, Prediction } from './types.js';

/** Accuracy, confusion matrix and per-class precision/recall/F1 of a list of predictions. */
export function summarise(labels: string[], predictions: Prediction[]): Omit<EvaluationResult, 'predictions' | 'skipped'> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const p of predictions) {
    const t = index.get(p.label);
    const q = index.get(p.predicted);
    if (t === undefined || q === undefined) throw new Error(`prediction for ${p.path} uses a label outside ${labels.join(', ')}`);
    confusion[t][q]++;
    if (t === q) correct++;
  }
  const perClass: Record<string, ClassMetrics> = {};
  labels.forEach((label, i) => {
    const tp = confusion[i][i];
    const support = confusion[i].reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[i], 0);
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    perClass[label] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
  return { labels, accuracy: predictions.length ? correct / predictions.length : 0, confusion, perClass };
}

/**
 * Runs the model over every image of a data folder (in file order) and scores it, reading the
 * answer the way every server of the model does (the card's `decide`).
 */
export async function evaluate(predictor: Predictor, data: DirectoryIterator, card: Pick<ModelCard, 'labels' | 'output' | 'decision'>): Promise<EvaluationResult> {
  const predictions: Prediction[] = [];
  const dataLabels = data.labels;
  for (const l of dataLabels) {
    if (!card.labels.includes(l)) throw new Error(`the data folder has a class "${l}" that the model does not know (its labels: ${card.labels.join(', ')})`);
  }
  for await (const batch of data.batches(0)) {
    const out = tf.tidy(() => predictor.predict(batch.xs));
    const values = await out.data();
    out.dispose();
    batch.xs.dispose();
    batch.ys.dispose();
    const width = values.length / batch.samples.length;
    batch.samples.forEach((s, i) => {
      const d = decide(card, values.subarray(i * width, (i + 1) * width), batch.ink[i]);
      predictions.push({
        path: relative(data.directory, s.path),
        label: dataLabels[s.classIndex],
        predicted: d.label,
        probability: d.probability,
        scores: d.scores,
        uncertain: d.uncertain,
      });
    });
  }
  const skipped = [...data.skipped].map(([path, reason]) => ({ path: relative(data.directory, path), reason }));
  return { ...summarise(card.labels, predictions), predictions, skipped };
}
