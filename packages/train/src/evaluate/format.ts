import type { EvaluationResult, Prediction } from './types.js';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** The human-readable evaluation: accuracy, per-class precision/recall, the confusion matrix. */
export function formatEvaluation(r: EvaluationResult, title: string): string {
  const width = Math.max(10, ...r.labels.map((l) => l.length + 2));
  const lines = [`${title}: ${r.predictions.length} images, accuracy ${pct(r.accuracy)}`, ''];
  lines.push(`${'class'.padEnd(width)}${'precision'.padStart(11)}${'recall'.padStart(9)}${'f1'.padStart(8)}${'support'.padStart(9)}`);
  for (const l of r.labels) {
    const m = r.perClass[l];
    lines.push(`${l.padEnd(width)}${pct(m.precision).padStart(11)}${pct(m.recall).padStart(9)}${m.f1.toFixed(3).padStart(8)}${String(m.support).padStart(9)}`);
  }
  lines.push('', 'confusion matrix (rows: true label, columns: predicted)');
  lines.push(`${''.padEnd(width)}${r.labels.map((l) => l.padStart(width)).join('')}`);
  r.labels.forEach((l, i) => lines.push(`${l.padEnd(width)}${r.confusion[i].map((n) => String(n).padStart(width)).join('')}`));
  const uncertain = r.predictions.filter((p) => p.uncertain).length;
  if (uncertain) lines.push('', `${uncertain} answer(s) would be shown as "uncertain" by the model card's rule`);
  if (r.skipped.length) lines.push('', `${r.skipped.length} unreadable image(s) skipped: ${r.skipped.map((s) => s.path).join(', ')}`);
  return lines.join('\n');
}

const csvCell = (v: string | number | boolean) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One row per image: path, label, predicted, probability, uncertain. */
export function predictionsCsv(predictions: Prediction[]): string {
  const rows = [['path', 'label', 'predicted', 'probability', 'uncertain'].join(',')];
  for (const p of predictions) rows.push([p.path, p.label, p.predicted, p.probability.toFixed(6), p.uncertain].map(csvCell).join(','));
  return `${rows.join('\n')}\n`;
}
