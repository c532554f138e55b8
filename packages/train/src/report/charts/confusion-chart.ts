import type { TopLevelSpec } from 'vega-lite';
import { formatPercent, type ConfusionReport } from '../confusion.js';
import { CHART_CONFIG } from './render-vega.js';

/**
 * The confusion matrix as a heatmap: rows are true labels, columns predicted ones, each cell with
 * its count and its share of the row. Colour follows the row percentage, so a small class's
 * mistakes are as visible as a large one's.
 */
export function confusionChartSpec(report: ConfusionReport): TopLevelSpec {
  const n = report.labels.length;
  const cell = Math.max(44, Math.min(90, Math.floor(540 / n)));
  const values = report.labels.flatMap((truth, i) =>
    report.labels.map((predicted, j) => ({
      truth,
      predicted,
      count: report.counts[i][j],
      percent: report.rowPercent[i][j],
      share: formatPercent(report.rowPercent[i][j]),
    })),
  );
  const axis = (field: 'truth' | 'predicted', title: string) => ({
    field,
    type: 'nominal' as const,
    title,
    sort: report.labels,
    axis: { labelAngle: 0, labelLimit: 120, domain: false, ticks: false },
  });
  const dark = { test: 'datum.percent >= 55', value: 'white' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${report.name}: confusion matrix`,
      subtitle: `accuracy ${formatPercent(report.accuracy * 100)} (${report.correct} of ${report.total} images); colour = share of the row`,
    },
    width: cell * n,
    height: cell * n,
    data: { values },
    encoding: { x: { ...axis('predicted', 'predicted label'), axis: { ...axis('predicted', '').axis, orient: 'top' } }, y: axis('truth', 'true label') },
    layer: [
      {
        mark: { type: 'rect', stroke: '#c8c8c8', strokeWidth: 1 },
        encoding: { color: { field: 'percent', type: 'quantitative', scale: { domain: [0, 100], range: ['#ffffff', '#1f5fa6'], interpolate: 'rgb' }, legend: null } },
      },
      {
        mark: { type: 'text', fontSize: n > 8 ? 10 : 14, fontWeight: 'bold', baseline: 'middle', dy: n > 8 ? -5 : -8 },
        encoding: { text: { field: 'count', type: 'quantitative' }, color: { condition: dark, value: 'black' } },
      },
      {
        mark: { type: 'text', fontSize: n > 8 ? 8 : 11, baseline: 'middle', dy: n > 8 ? 6 : 9 },
        encoding: { text: { field: 'share', type: 'nominal' }, color: { condition: dark, value: '#333' } },
      },
    ],
    config: { ...CHART_CONFIG, view: { stroke: null } },
  } as TopLevelSpec;
}
