import type { ClassMetrics, EvaluationResult } from '../evaluate/types.js';

/** What `confusion-<name>.json` holds: the matrix exactly as evaluated, plus row percentages. */
export interface ConfusionReport {
  name: string;
  /** Row and column order of the matrices. */
  labels: string[];
  /** counts[i][j]: images of true class labels[i] predicted as labels[j] (EvaluationResult.confusion). */
  counts: number[][];
  /** rowPercent[i][j] = 100 · counts[i][j] / rowTotals[i]; 0 for an empty row. */
  rowPercent: number[][];
  rowTotals: number[];
  total: number;
  correct: number;
  accuracy: number;
  perClass: Record<string, ClassMetrics>;
}

export function confusionReport(name: string, result: EvaluationResult): ConfusionReport {
  const counts = result.confusion.map((row) => [...row]);
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const rowPercent = counts.map((row, i) => row.map((c) => (rowTotals[i] ? (100 * c) / rowTotals[i] : 0)));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const correct = counts.reduce((a, row, i) => a + row[i], 0);
  return { name, labels: [...result.labels], counts, rowPercent, rowTotals, total, correct, accuracy: result.accuracy, perClass: result.perClass };
}

/** "85.7%", "100%", "0%": one decimal only where it says something. */
export function formatPercent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}
