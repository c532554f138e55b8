import type { ConfusionReport } from '../confusion.js';
import type { RankedPrediction } from '../selection.js';
import { confusionTable } from './confusion-table.js';
import { esc, href } from './escape.js';
import { page } from './layout.js';
import { tileFigure, type ImageFiles } from './tiles.js';

export interface CellPageInput {
  evaluationName: string;
  /** The evaluation's section on the index page is `#eval-<slug>`. */
  slug: string;
  dataDir: string;
  report: ConfusionReport;
  cell: [number, number];
  /** Every image of the cell, worst first; the first `shown` get pictures. */
  members: RankedPrediction[];
  shown: number;
  images: Map<number, ImageFiles>;
  /** Link from this page to another cell's page (undefined: none). */
  cellHref: (i: number, j: number) => string | undefined;
  /** From this page to the report folder, e.g. "../..". */
  toRoot: string;
}

/** The page a confusion-matrix cell links to: its images, worst first. */
export function cellPage(input: CellPageInput): string {
  const [i, j] = input.cell;
  const truth = input.report.labels[i];
  const predicted = input.report.labels[j];
  const n = input.members.length;
  const title = `${input.evaluationName}: true ${truth}, predicted ${predicted}`;
  const order = i === j ? 'least confident first' : 'worst mistakes first (lowest probability for the true label)';
  const tiles = input.members.slice(0, input.shown).map((r, k) => tileFigure(k + 1, r, input.images.get(r.index), input.toRoot));
  const more = n > input.shown ? `<p class="note">${n - input.shown} more image${n - input.shown === 1 ? '' : 's'} in this cell are not shown. All of them:</p><ul>${input.members.slice(input.shown).map((r) => `<li><code>${esc(r.prediction.path)}</code> p(${esc(r.prediction.predicted)}) = ${r.prediction.probability.toFixed(3)}</li>`).join('')}</ul>` : '';
  const body = `
<h1>${esc(title)}</h1>
<p>${n} image${n === 1 ? '' : 's'} of <b>${esc(truth)}</b> that the model called <b>${esc(predicted)}</b>, ${order}. Each tile shows the file (left) and what the model saw (right: the file after the model's preprocessing). Data folder: <code>${esc(input.dataDir)}</code>.</p>
<h2>The confusion matrix</h2>
${confusionTable(input.report, input.cellHref, input.cell)}
<h2>Images</h2>
<div class="tiles">${tiles.join('\n')}</div>
${more}
`;
  return page(title, body, { nav: `<nav><a href="${href(input.toRoot, 'index.html')}">← report</a><a href="${href(input.toRoot, 'index.html')}#eval-${esc(input.slug)}">${esc(input.evaluationName)}</a></nav>` });
}
