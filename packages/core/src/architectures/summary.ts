import type * as tfl from '@tensorflow/tfjs-layers';

const WIDTHS = [33, 26, 12];

function formatShape(shape: unknown): string {
  if (Array.isArray(shape) && Array.isArray(shape[0])) return shape.map(formatShape).join(', ');
  if (!Array.isArray(shape)) return String(shape);
  return `(${shape.map((d) => (d == null ? 'None' : String(d))).join(', ')})`;
}

const thousands = (n: number) => n.toLocaleString('en-US');

function sizeOf(weights: readonly { shape: readonly (number | null)[] }[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}

function row(cells: string[]): string {
  return cells.map((cell, i) => cell.padEnd(WIDTHS[i])).join(' ').trimEnd();
}

export interface ParamCounts {
  total: number;
  trainable: number;
  nonTrainable: number;
}

export function countParams(model: tfl.LayersModel): ParamCounts {
  const trainable = sizeOf(model.trainableWeights);
  const nonTrainable = sizeOf(model.nonTrainableWeights);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

/**
 * A Keras-style summary table (layer, output shape, params; totals, trainable and non-trainable).
 * Not tfjs-layers' `model.summary(lineLength, positions, printFn)`: tried (2026-12), it cuts layer
 * types to the column ("MaxPooling", "GlobalAveragePool"), prints "[null,148,148,32]", calls a nested
 * base "Sequential" and lists every inbound node of a layer shared by the head and the full model;
 * lenet.test.ts and transfer-model.test.ts check the Keras lesson's table, which this prints.
 */
export function summary(model: tfl.LayersModel): string {
  const width = WIDTHS.reduce((a, b) => a + b + 1, 0);
  const lines = [`Model: "${model.name}"`, '_'.repeat(width), row([' Layer (type)', 'Output Shape', 'Param #']), '='.repeat(width)];
  model.layers.forEach((layer, i) => {
    const type = layer.getClassName() === 'Sequential' || layer.getClassName() === 'Model' ? 'Functional' : layer.getClassName();
    lines.push(row([` ${layer.name} (${type})`, formatShape(layer.outputShape), thousands(layer.countParams())]));
    lines.push(i === model.layers.length - 1 ? '='.repeat(width) : '');
  });
  const counts = countParams(model);
  lines.push(`Total params: ${thousands(counts.total)}`);
  lines.push(`Trainable params: ${thousands(counts.trainable)}`);
  lines.push(`Non-trainable params: ${thousands(counts.nonTrainable)}`);
  lines.push('_'.repeat(width));
  return lines.join('\n');
}
