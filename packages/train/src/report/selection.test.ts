import { describe, expect, it } from 'vitest';
import type { EvaluationResult, Prediction } from '../evaluate/types.js';
import { cellMembers, misclassifiedWorstFirst, truthScore } from './selection.js';

const pred = (path: string, label: string, scores: Record<string, number>): Prediction => {
  const predicted = Object.entries(scores).sort((a, b) => b[1] - a[1])[0][0];
  return { path, label, predicted, probability: scores[predicted], scores, uncertain: false };
};

const result = (predictions: Prediction[]): EvaluationResult => ({ labels: ['a', 'b', 'c'], accuracy: 0, confusion: [], perClass: {}, predictions, skipped: [] });

describe('worst-first selection', () => {
  const predictions = [
    pred('a1', 'a', { a: 0.9, b: 0.05, c: 0.05 }),
    pred('a2', 'a', { a: 0.3, b: 0.6, c: 0.1 }),
    pred('a3', 'a', { a: 0.1, b: 0.2, c: 0.7 }),
    pred('b1', 'b', { a: 0.45, b: 0.1, c: 0.45 }), // a tie between a and c: the first key wins
    pred('b2', 'b', { a: 0.2, b: 0.7, c: 0.1 }),
    pred('c1', 'c', { a: 0.3, b: 0.6, c: 0.1 }),
    pred('c2', 'c', { a: 0.05, b: 0.05, c: 0.9 }),
  ];

  it('orders mistakes by the probability left for the truth, then by the confidence of the wrong answer, then path', () => {
    const order = misclassifiedWorstFirst(result(predictions)).map((r) => r.prediction.path);
    // b1 and c1 both left 0.1 for the truth; c1's wrong answer was the surer (0.6 against 0.45).
    expect(order).toEqual(['a3', 'c1', 'b1', 'a2']);
    expect(truthScore(predictions[2])).toBe(0.1);
  });

  it('falls back to the predicted probability when a prediction has no scores', () => {
    const p: Prediction = { path: 'z', label: 'a', predicted: 'b', probability: 0.8, scores: {}, uncertain: false };
    expect(truthScore(p)).toBeCloseTo(0.2, 12);
  });

  it('puts every prediction in exactly one cell', () => {
    const cells = cellMembers(result(predictions));
    const all = cells.flat(2).map((r) => r.prediction.path).sort();
    expect(all).toEqual(predictions.map((p) => p.path).sort());
    expect(cells[0][1].map((r) => r.prediction.path)).toEqual(['a2']);
    expect(cells[2][2].map((r) => r.prediction.path)).toEqual(['c2']);
    expect(() => cellMembers(result([pred('q', 'zzz', { a: 1, b: 0, c: 0 })]))).toThrow(/outside a, b, c/);
  });
});
