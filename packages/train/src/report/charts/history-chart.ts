import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './render-vega.js';

/** One epoch of a training history, with Keras's metric names (`val_` for validation). */
export interface ReportHistoryRow {
  epoch: number;
  loss?: number | null;
  accuracy?: number | null;
  val_loss?: number | null;
  val_accuracy?: number | null;
  /** The learning rate the epoch trained with. */
  lr?: number | null;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

interface Point {
  epoch: number;
  split: 'training' | 'validation';
  value: number;
}

function series(history: readonly ReportHistoryRow[], metric: 'loss' | 'accuracy'): Point[] {
  const points: Point[] = [];
  for (const row of history) {
    const train = row[metric];
    const val = row[`val_${metric}`];
    if (finite(train)) points.push({ epoch: row.epoch, split: 'training', value: train });
    if (finite(val)) points.push({ epoch: row.epoch, split: 'validation', value: val });
  }
  return points;
}

/** Epochs that started with a lower learning rate than the one before (ReduceLROnPlateau's steps). */
export function learningRateDrops(history: readonly ReportHistoryRow[]): { epoch: number; from: number; to: number }[] {
  const drops: { epoch: number; from: number; to: number }[] = [];
  for (let i = 1; i < history.length; i++) {
    const from = history[i - 1].lr;
    const to = history[i].lr;
    if (finite(from) && finite(to) && to < from) drops.push({ epoch: history[i].epoch, from, to });
  }
  return drops;
}

/** The epoch with the best validation accuracy (the first, on ties): what restoreBestWeights keeps. */
export function bestEpoch(history: readonly ReportHistoryRow[]): ReportHistoryRow | undefined {
  let best: ReportHistoryRow | undefined;
  for (const row of history) if (finite(row.val_accuracy) && (!best || row.val_accuracy > (best.val_accuracy as number))) best = row;
  return best;
}

const PANEL = { width: 260, height: 180 };
const LR_COLOUR = '#54a24b';
const SPLIT_COLOURS = { domain: ['training', 'validation'], range: ['#4c78a8', '#f58518'] };

function epochAxis(maxEpoch: number) {
  return {
    field: 'epoch',
    type: 'quantitative' as const,
    title: 'epoch',
    scale: { domain: [1, Math.max(2, maxEpoch)], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
}

/** Dashed rules where the learning rate dropped, drawn in every panel so the steps line up with the curves. */
function dropRules(drops: { epoch: number }[], maxEpoch: number) {
  return {
    data: { values: drops },
    mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#888' },
    encoding: { x: epochAxis(maxEpoch) },
  };
}

/**
 * The training history as three panels: loss and accuracy (training and validation) and the
 * learning rate on a log scale, with the epochs where ReduceLROnPlateau lowered it marked in all
 * three and the best validation epoch ringed.
 */
export function historyChartSpec(history: readonly ReportHistoryRow[], title = 'Training history'): TopLevelSpec {
  if (history.length === 0) throw new Error('historyChartSpec needs at least one epoch');
  const maxEpoch = Math.max(...history.map((r) => r.epoch));
  const drops = learningRateDrops(history);
  const best = bestEpoch(history);
  const lr = history.filter((r) => finite(r.lr)).map((r) => ({ epoch: r.epoch, lr: r.lr as number }));
  const levels = [...new Set(lr.map((r) => r.lr))].sort((a, b) => a - b);

  const metricPanel = (metric: 'loss' | 'accuracy') => {
    const layers: object[] = [];
    if (drops.length) layers.push(dropRules(drops, maxEpoch));
    layers.push({
      data: { values: series(history, metric) },
      mark: { type: 'line', point: { size: 30 }, strokeWidth: 2 },
      encoding: {
        x: epochAxis(maxEpoch),
        y: { field: 'value', type: 'quantitative', title: metric, scale: metric === 'accuracy' ? { zero: false, domainMax: 1, padding: 6 } : { zero: false, padding: 6 } },
        color: { field: 'split', type: 'nominal', title: null, scale: SPLIT_COLOURS, legend: { orient: 'bottom', direction: 'horizontal' } },
      },
    });
    if (metric === 'accuracy' && best) {
      layers.push({
        data: { values: [{ epoch: best.epoch, value: best.val_accuracy, text: `best ${((best.val_accuracy as number) * 100).toFixed(1)}%` }] },
        layer: [
          { mark: { type: 'point', size: 180, strokeWidth: 2, color: '#d62728', filled: false } },
          { mark: { type: 'text', dy: 16, color: '#d62728', fontSize: 10 }, encoding: { text: { field: 'text' } } },
        ],
        encoding: { x: epochAxis(maxEpoch), y: { field: 'value', type: 'quantitative' } },
      });
    }
    return { ...PANEL, title: metric === 'loss' ? 'Loss' : 'Accuracy', layer: layers };
  };

  const panels: object[] = [metricPanel('loss'), metricPanel('accuracy')];
  if (lr.length) {
    const lrLayers: object[] = [];
    if (drops.length) lrLayers.push(dropRules(drops, maxEpoch));
    lrLayers.push({
      data: { values: lr },
      mark: { type: 'line', interpolate: 'step-after', point: { size: 30, color: LR_COLOUR }, color: LR_COLOUR, strokeWidth: 2 },
      encoding: {
        x: epochAxis(maxEpoch),
        y: {
          field: 'lr',
          type: 'quantitative',
          title: 'learning rate',
          scale: { type: 'log', domain: [Math.min(...levels) / 1.6, Math.max(...levels) * 1.6], nice: false },
          // One tick per rate the run used: the steps read off exactly.
          axis: { values: levels, format: '.3~e' },
        },
      },
    });
    panels.push({ ...PANEL, title: drops.length ? `Learning rate (${drops.length} reduction${drops.length > 1 ? 's' : ''})` : 'Learning rate', layer: lrLayers });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: drops.length ? { text: title, subtitle: 'dashed lines: the learning rate was reduced before that epoch' } : title,
    hconcat: panels,
    resolve: { scale: { color: 'shared' } },
    config: CHART_CONFIG,
  } as TopLevelSpec;
}
