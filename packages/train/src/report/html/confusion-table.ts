import { formatPercent, type ConfusionReport } from '../confusion.js';
import { esc } from './escape.js';

/** White to the chart's blue by row percentage, as in the confusion PNG. */
function cellColour(percent: number): string {
  const t = Math.max(0, Math.min(1, percent / 100));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 0x1f)}, ${mix(255, 0x5f)}, ${mix(255, 0xa6)})`;
}

/**
 * The confusion matrix as an HTML table whose non-empty cells link to a page of their images.
 * `cellHref(i, j)` gives the link (relative to the page the table is on) or undefined for none.
 */
export function confusionTable(report: ConfusionReport, cellHref: (i: number, j: number) => string | undefined, current?: [number, number]): string {
  const head = `<tr><th class="text">true ↓ / predicted →</th>${report.labels.map((l) => `<th>${esc(l)}</th>`).join('')}<th>images</th></tr>`;
  const rows = report.labels.map((truth, i) => {
    const cells = report.labels.map((predicted, j) => {
      const count = report.counts[i][j];
      const percent = report.rowPercent[i][j];
      const colour = percent >= 55 ? 'color: #fff;' : '';
      const inner = `<b>${count}</b><small>${formatPercent(percent)}</small>`;
      const link = cellHref(i, j);
      const title = `${count} image${count === 1 ? '' : 's'} of ${truth} predicted as ${predicted}`;
      const body = link ? `<a href="${link}" title="${esc(title)}">${inner}</a>` : `<span title="${esc(title)}">${inner}</span>`;
      const cls = current && current[0] === i && current[1] === j ? ' class="current"' : '';
      return `<td${cls} style="background: ${cellColour(percent)}; ${colour}">${body}</td>`;
    });
    return `<tr><th>${esc(truth)}</th>${cells.join('')}<td>${report.rowTotals[i]}</td></tr>`;
  });
  return `<table class="confusion"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
