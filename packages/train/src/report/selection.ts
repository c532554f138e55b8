import type { EvaluationResult, Prediction } from '../evaluate/types.js';

export interface RankedPrediction {
  /** Index in EvaluationResult.predictions (names the image's files in the report). */
  index: number;
  prediction: Prediction;
  /** The probability the model gave the true label. */
  truthScore: number;
}

/** The probability given to the true label; without scores, what the predicted label left over. */
export function truthScore(p: Prediction): number {
  const s = p.scores?.[p.label];
  if (typeof s === 'number' && Number.isFinite(s)) return s;
  return p.label === p.predicted ? p.probability : 1 - p.probability;
}

/**
 * Worst first: the lowest probability for the truth (a confident mistake before a near miss; in a
 * diagonal cell, the least sure right answer first), then the more confident wrong answer, then path.
 */
function worstFirst(a: RankedPrediction, b: RankedPrediction): number {
  return a.truthScore - b.truthScore || b.prediction.probability - a.prediction.probability || (a.prediction.path < b.prediction.path ? -1 : a.prediction.path > b.prediction.path ? 1 : 0);
}

function ranked(result: EvaluationResult): RankedPrediction[] {
  return result.predictions.map((prediction, index) => ({ index, prediction, truthScore: truthScore(prediction) }));
}

/** Every prediction whose label differs from the truth, worst first. */
export function misclassifiedWorstFirst(result: EvaluationResult): RankedPrediction[] {
  return ranked(result)
    .filter((r) => r.prediction.label !== r.prediction.predicted)
    .sort(worstFirst);
}

/** cells[i][j]: the images of true labels[i] predicted as labels[j], worst first. */
export function cellMembers(result: EvaluationResult): RankedPrediction[][][] {
  const index = new Map(result.labels.map((l, i) => [l, i]));
  const cells = result.labels.map(() => result.labels.map((): RankedPrediction[] => []));
  for (const r of ranked(result)) {
    const i = index.get(r.prediction.label);
    const j = index.get(r.prediction.predicted);
    if (i === undefined || j === undefined) throw new Error(`prediction for ${r.prediction.path} uses a label outside ${result.labels.join(', ')}`);
    cells[i][j].push(r);
  }
  for (const row of cells) for (const cell of row) cell.sort(worstFirst);
  return cells;
}
