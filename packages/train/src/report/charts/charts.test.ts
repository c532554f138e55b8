import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { confusionReport } from '../confusion.js';
import { svgToPng } from '../images/rasterise.js';
import { confusionChartSpec } from './confusion-chart.js';
import { bestEpoch, historyChartSpec, learningRateDrops } from './history-chart.js';
import { renderVegaLite } from './render-vega.js';

const HISTORY = [
  { epoch: 1, loss: 0.69, accuracy: 0.55, val_loss: 0.68, val_accuracy: 0.6, lr: 0.001 },
  { epoch: 2, loss: 0.5, accuracy: 0.75, val_loss: 0.52, val_accuracy: 0.8, lr: 0.001 },
  { epoch: 3, loss: 0.4, accuracy: 0.8, val_loss: 0.5, val_accuracy: 0.8, lr: 0.001 },
  { epoch: 4, loss: 0.35, accuracy: 0.85, val_loss: 0.45, val_accuracy: 0.9, lr: 0.0005 },
  { epoch: 5, loss: 0.3, accuracy: 0.88, val_loss: 0.46, val_accuracy: 0.88, lr: 0.0005 },
  { epoch: 6, loss: 0.28, accuracy: 0.9, val_loss: 0.47, val_accuracy: 0.9, lr: 0.00025 },
];

/** The words drawn in an outlined SVG. */
const labels = (svg: string) => [...svg.matchAll(/data-text="([^"]*)"/g)].map((m) => m[1]);

describe('history chart', () => {
  it('finds ReduceLROnPlateau steps and the best validation epoch', () => {
    expect(learningRateDrops(HISTORY)).toEqual([
      { epoch: 4, from: 0.001, to: 0.0005 },
      { epoch: 6, from: 0.0005, to: 0.00025 },
    ]);
    expect(bestEpoch(HISTORY)?.epoch).toBe(4); // the first of the ties at 0.9, as Keras keeps it
    expect(bestEpoch([{ epoch: 1, loss: 1 }])).toBeUndefined();
  });

  it('renders loss, accuracy and the learning rate with every title and tick label outlined', async () => {
    const chart = await renderVegaLite(historyChartSpec(HISTORY));
    expect(chart.svg).not.toMatch(/<text[\s>]/);
    const words = labels(chart.svg);
    for (const w of ['Training history', 'Loss', 'Accuracy', 'Learning rate (2 reductions)', 'training', 'validation', 'epoch', '1e-3', '5e-4', '2.5e-4', 'best 90.0%']) {
      expect(words, w).toContain(w);
    }
    const png = await svgToPng(chart.svg, 2);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([chart.width * 2, chart.height * 2]);
    // The title is really drawn: its corner of the picture holds dark pixels.
    const { data, info } = await sharp(png).extract({ left: 0, top: 0, width: 300, height: 40 }).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(data.filter((v) => v < 100).length).toBeGreaterThan(200);
    expect(info.width).toBe(300);
  });

  it('copes with a history without validation or learning rate', async () => {
    const chart = await renderVegaLite(historyChartSpec([{ epoch: 1, loss: 0.7, accuracy: 0.5 }, { epoch: 2, loss: 0.6, accuracy: 0.6, val_loss: null }]));
    const words = labels(chart.svg);
    expect(words).toContain('Loss');
    expect(words).not.toContain('Learning rate');
    expect(() => historyChartSpec([])).toThrow(/at least one epoch/);
  });
});

describe('confusion chart', () => {
  it('writes every count and row percentage in its cell', async () => {
    const report = confusionReport('validation', { labels: ['o', 'x'], accuracy: 0.85, confusion: [[9, 1], [2, 8]], perClass: {}, predictions: [], skipped: [] });
    expect(report.rowPercent).toEqual([[90, 10], [20, 80]]);
    const chart = await renderVegaLite(confusionChartSpec(report));
    const words = labels(chart.svg);
    for (const w of ['9', '1', '2', '8', '90%', '10%', '20%', '80%', 'validation: confusion matrix', 'true label', 'predicted label']) expect(words, w).toContain(w);
  });
});
