import type { ModelCard } from '@inkling/core';
import { bestEpoch, learningRateDrops, type ReportHistoryRow } from '../charts/history-chart.js';
import { formatPercent, type ConfusionReport } from '../confusion.js';
import type { DatasetStats, SplitStats } from '../data/dataset-stats.js';
import { confusionTable } from './confusion-table.js';
import { esc, formatNumber, href, jsonBlock } from './escape.js';
import { page } from './layout.js';

export interface IndexEvaluation {
  name: string;
  slug: string;
  dataDir: string;
  report: ConfusionReport;
  /** Link from index.html to a cell's page, undefined for an empty cell. */
  cellHref: (i: number, j: number) => string | undefined;
  misclassified: number;
  sheetShown: number;
  files: { confusionPng: string; confusionJson: string; sheetPng: string; sheetJson: string };
  skipped: { path: string; reason: string }[];
}

export interface ExampleGroup {
  name: string;
  images: { src: string; name: string }[];
  total: number;
}

export interface IndexPageInput {
  card: ModelCard;
  createdAt: string;
  history?: readonly ReportHistoryRow[];
  historyFiles?: { svg: string; png: string };
  evaluations: IndexEvaluation[];
  dataset: DatasetStats;
  config?: unknown;
  examples?: { groups: ExampleGroup[]; overviews: { src: string; name: string }[] };
}

const pct = (v: number) => formatPercent(v * 100);
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? formatNumber(v) : '–');

function summaryTable(evaluations: IndexEvaluation[]): string {
  const rows = evaluations.map(
    (e) =>
      `<tr><th class="text"><a href="#eval-${esc(e.slug)}">${esc(e.name)}</a></th><td>${e.report.total}</td><td>${pct(e.report.accuracy)}</td><td>${e.misclassified}</td><td class="text"><code>${esc(e.dataDir)}</code></td></tr>`,
  );
  return `<table><thead><tr><th class="text">evaluation</th><th>images</th><th>accuracy</th><th>misclassified</th><th class="text">data folder</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function historySection(input: IndexPageInput): string {
  const history = input.history ?? [];
  if (!history.length || !input.historyFiles) return '';
  const drops = learningRateDrops(history);
  const best = bestEpoch(history);
  const facts = [
    `${history.length} epoch${history.length === 1 ? '' : 's'}`,
    best ? `best validation accuracy ${pct(best.val_accuracy as number)} at epoch ${best.epoch}` : '',
    drops.length ? `learning rate reduced before epoch${drops.length > 1 ? 's' : ''} ${drops.map((d) => `${d.epoch} (${formatNumber(d.from)} → ${formatNumber(d.to)})`).join(', ')}` : 'learning rate never reduced',
  ].filter(Boolean);
  const rows = history
    .map((r) => `<tr><td>${r.epoch}</td><td>${num(r.loss)}</td><td>${num(r.accuracy)}</td><td>${num(r.val_loss)}</td><td>${num(r.val_accuracy)}</td><td>${num(r.lr)}</td></tr>`)
    .join('');
  return `
<h2 id="history">Training history</h2>
<p>${esc(facts.join('; '))}.</p>
<p><img class="chart" src="${href(input.historyFiles.svg)}" alt="Loss, accuracy and learning rate per epoch, for training and validation"></p>
<p class="muted">Files: <a href="${href(input.historyFiles.png)}">history.png</a> · <a href="${href(input.historyFiles.svg)}">history.svg</a></p>
<details><summary>Every epoch</summary><table><thead><tr><th>epoch</th><th>loss</th><th>accuracy</th><th>val_loss</th><th>val_accuracy</th><th>lr</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function evaluationSection(e: IndexEvaluation): string {
  const r = e.report;
  const perClass = r.labels
    .map((l) => {
      const m = r.perClass[l];
      return m ? `<tr><th>${esc(l)}</th><td>${m.precision.toFixed(3)}</td><td>${m.recall.toFixed(3)}</td><td>${m.f1.toFixed(3)}</td><td>${m.support}</td></tr>` : '';
    })
    .join('');
  const mistakes: string[] = [];
  r.labels.forEach((truth, i) =>
    r.labels.forEach((predicted, j) => {
      const link = e.cellHref(i, j);
      if (i !== j && r.counts[i][j] > 0 && link) mistakes.push(`<li><a href="${link}">${r.counts[i][j]} × ${esc(truth)} taken for ${esc(predicted)}</a></li>`);
    }),
  );
  const sheetNote =
    e.misclassified > e.sheetShown
      ? `<p class="note">The sheet shows the ${e.sheetShown} worst of ${e.misclassified} misclassified images; the cell pages list them all.</p>`
      : '';
  const skipped = e.skipped.length
    ? `<h3>Files that could not be read (${e.skipped.length})</h3><ul>${e.skipped.map((s) => `<li><code>${esc(s.path)}</code>: ${esc(s.reason)}</li>`).join('')}</ul>`
    : '';
  return `
<h2 id="eval-${esc(e.slug)}">${esc(e.name)}: ${pct(r.accuracy)} accuracy</h2>
<p>${r.correct} of ${r.total} images right, from <code>${esc(e.dataDir)}</code>. Click a cell to see its images.</p>
${confusionTable(r, e.cellHref)}
<p class="muted">Files: <a href="${href(e.files.confusionPng)}">${esc(e.files.confusionPng)}</a> · <a href="${href(e.files.confusionJson)}">${esc(e.files.confusionJson)}</a></p>
<h3>Per class</h3>
<table><thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>images</th></tr></thead><tbody>${perClass}</tbody></table>
<h3 id="mistakes-${esc(e.slug)}">Misclassified (${e.misclassified})</h3>
${mistakes.length ? `<ul>${mistakes.join('')}</ul>` : '<p>None.</p>'}
${sheetNote}
<p><a href="${href(e.files.sheetPng)}"><img class="chart" src="${href(e.files.sheetPng)}" alt="Contact sheet of the misclassified ${esc(e.name)} images, worst first"></a></p>
<p class="muted">Files: <a href="${href(e.files.sheetPng)}">${esc(e.files.sheetPng)}</a> · <a href="${href(e.files.sheetJson)}">${esc(e.files.sheetJson)}</a></p>
${skipped}`;
}

function tallyList(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, 20).map(([k, v]) => `${esc(k)}: ${v}`);
  if (entries.length > 20) shown.push(`… ${entries.length - 20} more`);
  return shown.join('<br>');
}

function datasetSection(dataset: DatasetStats, labels: string[]): string {
  if (!dataset.splits.length) return '';
  const head = `<tr><th class="text">split</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}<th>images</th><th>unreadable</th><th class="text">sizes (w×h)</th><th class="text">formats</th></tr>`;
  const sizes = (s: SplitStats) => {
    const z = s.sizes;
    if (!z.common.length) return '–';
    const range = z.minWidth === z.maxWidth && z.minHeight === z.maxHeight ? '' : `<br><span class="muted">${z.distinct > z.common.length ? `${z.distinct} sizes, ` : ''}from ${z.minWidth}×${z.minHeight} to ${z.maxWidth}×${z.maxHeight}</span>`;
    return `${z.common.map((c) => `${c.width}×${c.height}: ${c.count}`).join('<br>')}${range}`;
  };
  const rows = dataset.splits.map(
    (s) =>
      `<tr><th class="text">${esc(s.name)}</th>${labels.map((l) => `<td>${s.classes[l] ?? 0}</td>`).join('')}<td>${s.images}</td><td>${s.skipped}</td><td class="text">${sizes(s)}</td><td class="text">${tallyList(s.formats)}</td></tr>`,
  );
  const manifests = dataset.splits
    .filter((s) => s.manifest)
    .map((s) => {
      const m = s.manifest!;
      return `<h3>${esc(s.name)}: sources and styles</h3><p class="muted">From <code>${esc(m.file)}</code>, which lists ${m.listed} of the ${s.images} images.</p><table><thead><tr><th class="text">sources</th><th class="text">styles</th></tr></thead><tbody><tr><td class="text">${tallyList(m.sources) || '–'}</td><td class="text">${tallyList(m.styles) || '–'}</td></tr></tbody></table>`;
    });
  return `
<h2 id="data">Data set</h2>
<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>
${manifests.join('\n')}`;
}

function examplesSection(examples: IndexPageInput['examples']): string {
  if (!examples || (!examples.groups.length && !examples.overviews.length)) return '';
  const overviews = examples.overviews.map((o) => `<p><a href="${href(o.src)}"><img class="chart" src="${href(o.src)}" alt="${esc(o.name)}"></a></p>`);
  const groups = examples.groups;
  const blocks = groups.map((g) => {
    const figures = g.images.map((im) => `<figure class="tile example"><img src="${href(im.src)}" alt="${esc(im.name)}" width="96" height="96"><figcaption><code>${esc(im.name)}</code></figcaption></figure>`);
    const more = g.total > g.images.length ? `<p class="muted">${g.total - g.images.length} more not shown.</p>` : '';
    return `<h3>${esc(g.name)} (${g.total})</h3><div class="tiles">${figures.join('')}</div>${more}`;
  });
  return `<h2 id="examples">Examples of each style</h2>${overviews.join('\n')}${blocks.join('\n')}`;
}

function cardSection(card: ModelCard): string {
  const pre = card.preprocess;
  const facts: [string, string][] = [
    ['name', `${card.name} ${card.version}`],
    ['labels', card.labels.join(', ')],
    ['input', card.input.shape.join('×')],
    ['output', `${card.output.units} × ${card.output.activation}`],
    ['architecture', `${card.architecture.name}, ${formatNumber(card.architecture.params.total)} parameters (${formatNumber(card.architecture.params.trainable)} trainable)`],
    ['preprocessing', `${pre.colorMode}, polarity ${pre.polarity}, contrast ${pre.contrast.method}, crop ${pre.crop.method}, resize ${pre.resize} to ${pre.size.join('×')}, rescale ${formatNumber(pre.rescale)}, normalize ${pre.normalize.method}`],
    ['decision', `threshold ${card.decision.threshold}, uncertain below ${card.decision.minConfidence}${card.decision.blankIsUncertain ? ' or when blank' : ''}`],
    ['format', `${card.format}, quantization ${card.quantization}, ${formatNumber(card.files.bytes)} bytes`],
    ['created', card.createdAt],
  ];
  if (card.description) facts.splice(1, 0, ['description', card.description]);
  return `
<h2 id="card">Model card</h2>
<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<details><summary>The whole card (card.json)</summary>${jsonBlock(card)}</details>`;
}

/** The report's front page. */
export function indexPage(input: IndexPageInput): string {
  const { card } = input;
  const title = `${card.name} ${card.version}: report`;
  const nav = [
    input.history?.length ? '<a href="#history">history</a>' : '',
    ...input.evaluations.map((e) => `<a href="#eval-${esc(e.slug)}">${esc(e.name)}</a>`),
    input.dataset.splits.length ? '<a href="#data">data</a>' : '',
    input.examples && (input.examples.groups.length || input.examples.overviews.length) ? '<a href="#examples">examples</a>' : '',
    '<a href="#card">model card</a>',
    input.config !== undefined ? '<a href="#config">config</a>' : '',
  ].filter(Boolean);
  const body = `
<h1>${esc(title)}</h1>
<p class="muted">Written ${esc(input.createdAt)} by inkling. Labels: ${card.labels.map((l) => `<b>${esc(l)}</b>`).join(', ')}.</p>
${input.evaluations.length ? summaryTable(input.evaluations) : ''}
${historySection(input)}
${input.evaluations.map(evaluationSection).join('\n')}
${datasetSection(input.dataset, card.labels)}
${examplesSection(input.examples)}
${cardSection(card)}
${input.config !== undefined ? `<h2 id="config">Run configuration</h2>${jsonBlock(input.config)}` : ''}
`;
  return page(title, body, { nav: `<nav>${nav.join('')}</nav>` });
}
