/** One image's prediction, as `inkling evaluate` and the reports see it. */
export interface Prediction {
  /** Path of the image file (relative to the data folder when it came from one). */
  path: string;
  /** The true label (folder name). */
  label: string;
  /** The predicted label. */
  predicted: string;
  /** Probability of the predicted label. */
  probability: number;
  /** Every label's probability. */
  scores: Record<string, number>;
  uncertain: boolean;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationResult {
  /** Labels in class-index order; rows and columns of the confusion matrix follow it. */
  labels: string[];
  accuracy: number;
  /** confusion[i][j]: images of true class labels[i] predicted as labels[j]. */
  confusion: number[][];
  perClass: Record<string, ClassMetrics>;
  predictions: Prediction[];
  /** Images that could not be read, with the reason. */
  skipped: { path: string; reason: string }[];
}
