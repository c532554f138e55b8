import { join } from 'node:path';
import { parsePreprocessSpec, type ModelCard } from '@inkling/core';
import type { EvaluationResult } from '../evaluate/types.js';
import { confusionChartSpec } from './charts/confusion-chart.js';
import { historyChartSpec, type ReportHistoryRow } from './charts/history-chart.js';
import { renderVegaLite } from './charts/render-vega.js';
import { confusionReport } from './confusion.js';
import { collectDatasetStats, type DatasetStats } from './data/dataset-stats.js';
import { writeExamples } from './examples.js';
import { checkReportTarget, mapLimit, MARKER, StagedFolder, uniqueSlugs } from './files.js';
import { cellPage } from './html/cell-page.js';
import { href } from './html/escape.js';
import { indexPage, type IndexEvaluation } from './html/index-page.js';
import type { ImageFiles } from './html/tiles.js';
import { contactSheet, type Rect, type SheetTile } from './images/contact-sheet.js';
import { svgToPng } from './images/rasterise.js';
import { imageViews, type ImageViews } from './images/thumbnails.js';
import { cellMembers, misclassifiedWorstFirst, type RankedPrediction } from './selection.js';

export interface ReportEvaluation {
  /** 'train', 'validation', 'test' or any name; names the files (confusion-<name>.png…). */
  name: string;
  /** The folder the result's prediction paths are relative to. */
  dataDir: string;
  result: EvaluationResult;
}

export interface ReportLimits {
  /** Tiles on a misclassified contact sheet (the worst ones); default 64. */
  sheetTiles: number;
  /** Images with pictures on one confusion-cell page (the rest are listed by name); default 100. */
  cellImages: number;
  /** Thumbnails per example group; default 24. */
  examplesPerGroup: number;
}

export interface WriteReportOptions {
  /** The report folder (e.g. <run>/report). Created, or replaced if it holds an earlier report. */
  outDir: string;
  card: ModelCard;
  evaluations: readonly ReportEvaluation[];
  /** Per-epoch history; without it (e.g. `inkling evaluate --report`) there is no history plot. */
  history?: readonly ReportHistoryRow[];
  /** Data set statistics; computed from the evaluations' files when left out. */
  dataset?: DatasetStats;
  /** The run's configuration, shown as JSON. */
  config?: unknown;
  /** A folder of example images (a sub-folder per style) to show. */
  examplesDir?: string;
  limits?: Partial<ReportLimits>;
  /** Called with a line of progress now and then. */
  onProgress?: (message: string) => void;
}

export interface WrittenEvaluation {
  name: string;
  slug: string;
  confusionPng: string;
  confusionJson: string;
  misclassifiedPng: string;
  misclassifiedJson: string;
  /** cells/<slug>/<i>-<j>.html for every non-empty cell. */
  cellPages: string[];
  misclassified: number;
}

export interface WrittenReport {
  /** The report folder, and its index.html. */
  dir: string;
  index: string;
  /** Every file written, relative to `dir`, with forward slashes. */
  files: string[];
  history?: { png: string; svg: string };
  evaluations: WrittenEvaluation[];
}

/** What `misclassified-<name>.json` holds: the sheet's tiles in order, and what was left out. */
export interface MisclassifiedSheetJson {
  name: string;
  misclassified: number;
  shown: number;
  more: number;
  tiles: {
    rank: number;
    path: string;
    label: string;
    predicted: string;
    probability: number;
    truthScore: number;
    uncertain: boolean;
    /** The tile's thumbnails in the report folder, or why there are none. */
    files: ImageFiles;
    /** Where the tile's two pictures are on the sheet, in pixels. */
    rects: { original: Rect; input: Rect };
  }[];
}

const DEFAULT_LIMITS: ReportLimits = { sheetTiles: 64, cellImages: 100, examplesPerGroup: 24 };
const THUMB = 112;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function writeEvaluation(
  evaluation: ReportEvaluation,
  slug: string,
  card: ModelCard,
  out: StagedFolder,
  limits: ReportLimits,
  progress: (m: string) => void,
): Promise<{ written: WrittenEvaluation; index: IndexEvaluation }> {
  const { name, dataDir, result } = evaluation;
  const spec = parsePreprocessSpec(card.preprocess);
  const report = confusionReport(name, result);
  const confusionJson = await out.put(`confusion-${slug}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const chart = await renderVegaLite(confusionChartSpec(report));
  const confusionPng = await out.put(`confusion-${slug}.png`, await svgToPng(chart.svg, 2));

  const cells = cellMembers(result);
  const mistakes = misclassifiedWorstFirst(result);
  const sheetMembers = mistakes.slice(0, limits.sheetTiles);
  const needed = new Map<number, RankedPrediction>();
  for (const row of cells) for (const cell of row) for (const r of cell.slice(0, limits.cellImages)) needed.set(r.index, r);
  for (const r of sheetMembers) needed.set(r.index, r);

  // Each pictured image is read and preprocessed once; its two thumbnails serve the pages and the sheet.
  const images = new Map<number, ImageFiles>();
  const views = new Map<number, ImageViews>();
  const onSheet = new Set(sheetMembers.map((r) => r.index));
  const todo = [...needed.values()].sort((a, b) => a.index - b.index);
  let done = 0;
  await mapLimit(todo, 4, async (r) => {
    try {
      const v = await imageViews(join(dataDir, r.prediction.path), spec, THUMB);
      const original = await out.put(`images/${slug}/${r.index}.png`, v.original);
      const input = await out.put(`images/${slug}/${r.index}-input.png`, v.input);
      images.set(r.index, { original, input });
      if (onSheet.has(r.index)) views.set(r.index, v);
    } catch (err) {
      images.set(r.index, { error: `could not read ${r.prediction.path}: ${describe(err)}` });
    }
    if (++done % 100 === 0) progress(`report: ${name}: ${done}/${todo.length} images`);
  });

  const tiles: SheetTile[] = sheetMembers.map((r, k) => {
    const p = r.prediction;
    const v = views.get(r.index);
    return {
      original: v?.original,
      input: v?.input,
      lines: [
        { text: `#${k + 1} true ${p.label} → ${p.predicted}${p.uncertain ? ' (uncertain)' : ''}`, weight: 'bold' },
        { text: `p(${p.predicted}) ${p.probability.toFixed(3)} · p(${p.label}) ${r.truthScore.toFixed(3)}`, fill: '#c62828' },
        { text: p.path, fill: '#444' },
      ],
    };
  });
  const more = mistakes.length - sheetMembers.length;
  const sheet = await contactSheet({
    title: `${name}: misclassified images, worst first`,
    subtitle: `${mistakes.length} of ${result.predictions.length} images misclassified${more ? `; the ${sheetMembers.length} worst shown` : ''}. Each tile: the file (left) and what the model saw (right).`,
    footer: more ? `${more} more misclassified image${more === 1 ? '' : 's'} not shown; the report's confusion-matrix cell pages list them all.` : undefined,
    tiles,
    imageSize: THUMB,
  });
  const misclassifiedPng = await out.put(`misclassified-${slug}.png`, sheet.png);
  const sheetJson: MisclassifiedSheetJson = {
    name,
    misclassified: mistakes.length,
    shown: sheetMembers.length,
    more,
    tiles: sheetMembers.map((r, k) => {
      const p = r.prediction;
      const files = images.get(r.index) ?? { error: 'not rendered' };
      return { rank: k + 1, path: p.path, label: p.label, predicted: p.predicted, probability: p.probability, truthScore: r.truthScore, uncertain: p.uncertain, files, rects: sheet.placements[k] };
    }),
  };
  const misclassifiedJson = await out.put(`misclassified-${slug}.json`, `${JSON.stringify(sheetJson, null, 2)}\n`);

  const cellFile = (i: number, j: number) => `cells/${slug}/${i}-${j}.html`;
  const nonEmpty = (i: number, j: number) => cells[i][j].length > 0;
  const cellPages: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    for (let j = 0; j < cells.length; j++) {
      if (!nonEmpty(i, j)) continue;
      const html = cellPage({
        evaluationName: name,
        slug,
        dataDir,
        report,
        cell: [i, j],
        members: cells[i][j],
        shown: Math.min(limits.cellImages, cells[i][j].length),
        images,
        cellHref: (a, b) => (nonEmpty(a, b) ? `${a}-${b}.html` : undefined),
        toRoot: '../..',
      });
      cellPages.push(await out.put(cellFile(i, j), html));
    }
  }
  progress(`report: ${name}: ${mistakes.length} misclassified, ${cellPages.length} cell pages`);
  return {
    written: { name, slug, confusionPng, confusionJson, misclassifiedPng, misclassifiedJson, cellPages, misclassified: mistakes.length },
    index: {
      name,
      slug,
      dataDir,
      report,
      cellHref: (i, j) => (nonEmpty(i, j) ? href(cellFile(i, j)) : undefined),
      misclassified: mistakes.length,
      sheetShown: sheetMembers.length,
      files: { confusionPng, confusionJson, sheetPng: misclassifiedPng, sheetJson: misclassifiedJson },
      skipped: result.skipped,
    },
  };
}

/**
 * Writes a run's report folder: index.html (self-contained, opens from disk), the history plot,
 * and per evaluation the confusion matrix (PNG, JSON), the misclassified contact sheet (PNG, JSON),
 * one page per confusion-matrix cell with its images, and the thumbnails those pages show.
 * The folder appears complete or not at all; an earlier report in it is replaced.
 */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const { outDir, card, evaluations } = options;
  const limits: ReportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const progress = options.onProgress ?? (() => {});
  for (const e of evaluations) {
    if (!e.name) throw new Error('every evaluation in a report needs a name');
    if (e.result.confusion.length !== e.result.labels.length) throw new Error(`evaluation "${e.name}": the confusion matrix has ${e.result.confusion.length} rows for ${e.result.labels.length} labels`);
  }
  await checkReportTarget(outDir);
  const out = new StagedFolder(outDir);
  try {
    let historyFiles: WrittenReport['history'];
    if (options.history?.length) {
      const chart = await renderVegaLite(historyChartSpec(options.history));
      historyFiles = { svg: await out.put('history.svg', chart.svg), png: await out.put('history.png', await svgToPng(chart.svg, 2)) };
    }
    const slugs = uniqueSlugs(evaluations.map((e) => e.name), 'evaluation');
    const written: WrittenEvaluation[] = [];
    const sections: IndexEvaluation[] = [];
    for (const [k, e] of evaluations.entries()) {
      progress(`report: ${e.name} (${e.result.predictions.length} images)`);
      const { written: w, index } = await writeEvaluation(e, slugs[k], card, out, limits, progress);
      written.push(w);
      sections.push(index);
    }
    const dataset = options.dataset ?? (await collectDatasetStats(evaluations));
    const examples = options.examplesDir ? await writeExamples(options.examplesDir, out, limits.examplesPerGroup) : undefined;
    const createdAt = new Date().toISOString();
    await out.put('index.html', indexPage({ card, createdAt, history: options.history, historyFiles, evaluations: sections, dataset, config: options.config, examples }));
    const files = [...out.files, MARKER].sort();
    await out.put(
      MARKER,
      `${JSON.stringify({ generator: 'inkling', createdAt, model: { name: card.name, version: card.version }, evaluations: written.map((w) => ({ name: w.name, slug: w.slug, misclassified: w.misclassified })), files }, null, 2)}\n`,
    );
    await out.publish();
    return { dir: outDir, index: join(outDir, 'index.html'), files, history: historyFiles, evaluations: written };
  } catch (err) {
    await out.discard();
    throw err;
  }
}
