import type { ModelCard } from '@inkling/core';
import { flowFromDirectory } from '../data/index.js';
import { evaluate, type EvaluationResult, type Predictor } from '../evaluate/index.js';

export interface ModelComparison {
  dataDir: string;
  images: number;
  source: EvaluationResult;
  exported: EvaluationResult;
  /** Exported minus source accuracy, in percentage points. */
  deltaPoints: number;
  /** Images given the same answer (label and uncertain flag) by both models. */
  sameDecisions: number;
  /** Largest difference between the two models' probabilities for any image and label. */
  maxAbsDiff: number;
}

/**
 * Scores the source and the exported model on a folder of labelled images (`<label>/*.png|jpg`),
 * each image decoded with sharp, preprocessed by the card's spec and answered by the card's rule
 * (the same path `inkling evaluate` takes), and says how far apart they are.
 */
export async function compareOnFolder(source: Predictor, exported: Predictor, card: Pick<ModelCard, 'labels' | 'output' | 'decision' | 'preprocess'>, dataDir: string, onWarning: (m: string) => void = () => {}): Promise<ModelComparison> {
  const run = async (predictor: Predictor) => {
    const data = await flowFromDirectory(dataDir, { spec: card.preprocess, shuffle: false, batchSize: 32, cacheBytes: 0, classMode: 'sparse', onWarning });
    return evaluate(predictor, data, card);
  };
  const a = await run(source);
  const b = await run(exported);
  let same = 0;
  let maxAbsDiff = 0;
  a.predictions.forEach((p, i) => {
    const q = b.predictions[i];
    if (q.path !== p.path) throw new Error(`the two passes over ${dataDir} saw different files (${p.path}, ${q.path})`);
    if (p.predicted === q.predicted && p.uncertain === q.uncertain) same++;
    for (const label of Object.keys(p.scores)) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(p.scores[label] - q.scores[label]));
  });
  return { dataDir, images: a.predictions.length, source: a, exported: b, deltaPoints: (b.accuracy - a.accuracy) * 100, sameDecisions: same, maxAbsDiff };
}
