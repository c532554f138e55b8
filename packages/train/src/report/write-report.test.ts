import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../evaluate/types.js';
import type { ConfusionReport } from './confusion.js';
import { brokenLinks, fakeEvaluation, paperOf, pixel, tempDir, testCard, type FakeOutcome, removeTempDirs } from './fixtures.test-helpers.js';
import { contactSheetLayout } from './images/contact-sheet.js';
import { writeReport, type MisclassifiedSheetJson, type WrittenReport } from './write-report.js';

afterAll(removeTempDirs);

// Misclassified, worst first: o0 (p(o)=0.03), x1 (p(x)=0.05), o2 (p(o)=0.40), x3 (p(x)=0.45).
const VALIDATION: FakeOutcome[] = [
  { label: 'o', px: 0.97 },
  { label: 'x', px: 0.05 },
  { label: 'o', px: 0.6 },
  { label: 'x', px: 0.45 },
  { label: 'o', px: 0.02 },
  { label: 'o', px: 0.1 },
  { label: 'o', px: 0.3 },
  { label: 'x', px: 0.99 },
  { label: 'x', px: 0.9 },
  { label: 'x', px: 0.8 },
];
const TRAIN: FakeOutcome[] = [
  { label: 'o', px: 0.01 },
  { label: 'o', px: 0.2 },
  { label: 'x', px: 0.3 },
  { label: 'x', px: 0.95 },
];
const HISTORY = [1, 2, 3, 4, 5, 6].map((epoch) => ({ epoch, loss: 0.7 / epoch, accuracy: 0.5 + epoch / 14, val_loss: 0.8 / epoch, val_accuracy: 0.45 + epoch / 15, lr: epoch < 4 ? 1e-3 : 5e-4, seconds: 1 }));

const imageSize = async (file: string) => {
  const m = await sharp(file).metadata();
  return { format: m.format, width: m.width, height: m.height };
};
const htmlPages = (files: string[]) => files.filter((f) => f.endsWith('.html'));

describe('writeReport after a training run', () => {
  let root: string;
  let out: string;
  let validation: EvaluationResult;
  let train: EvaluationResult;
  let written: WrittenReport;

  beforeAll(async () => {
    root = tempDir();
    validation = await fakeEvaluation(join(root, 'data', 'validation'), VALIDATION);
    train = await fakeEvaluation(join(root, 'data', 'train'), TRAIN);
    writeFileSync(join(root, 'data', 'train', 'overview.png'), await sharp({ create: { width: 30, height: 10, channels: 3, background: '#888' } }).png().toBuffer());
    out = join(root, 'run', 'report');
    written = await writeReport({
      outDir: out,
      card: testCard(),
      history: HISTORY,
      evaluations: [
        { name: 'train', dataDir: join(root, 'data', 'train'), result: train },
        { name: 'validation', dataDir: join(root, 'data', 'validation'), result: validation },
      ],
      config: { epochs: 6, seed: 42 },
      examplesDir: join(root, 'data', 'train'),
      limits: { examplesPerGroup: 1 },
    });
  });

  it('writes the documented layout, and every file it lists exists', () => {
    for (const f of ['index.html', 'report.json', 'history.png', 'history.svg', 'confusion-train.png', 'confusion-train.json', 'confusion-validation.png', 'confusion-validation.json', 'misclassified-train.png', 'misclassified-validation.png']) {
      expect(written.files, f).toContain(f);
    }
    for (const f of written.files) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readdirSync(join(root, 'run'))).toEqual(['report']); // no staging folder left behind
  });

  it('writes valid images of the expected sizes', async () => {
    const history = await imageSize(join(out, 'history.png'));
    const svg = readFileSync(join(out, 'history.svg'), 'utf8');
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(svg) ?? [];
    expect(history).toEqual({ format: 'png', width: Math.round(Number(w) * 2), height: Math.round(Number(h) * 2) });
    expect(Number(w)).toBeGreaterThan(600); // three panels side by side
    expect(svg).not.toMatch(/<text[\s>]/);

    const confusion = await imageSize(join(out, 'confusion-validation.png'));
    expect(confusion.format).toBe('png');
    expect(confusion.width).toBeGreaterThan(200);

    const sheet = await imageSize(join(out, 'misclassified-validation.png'));
    const layout = contactSheetLayout(4, 3, 112);
    expect(sheet).toEqual({ format: 'png', width: layout.width, height: layout.height });
    for (const f of written.files.filter((x) => x.startsWith('images/'))) {
      expect(await imageSize(join(out, f)), f).toEqual({ format: 'png', width: 112, height: 112 });
    }
  });

  it('puts in the confusion JSON exactly the numbers of the EvaluationResult', () => {
    for (const [name, result] of [['train', train], ['validation', validation]] as const) {
      const json = JSON.parse(readFileSync(join(out, `confusion-${name}.json`), 'utf8')) as ConfusionReport;
      expect(json.labels).toEqual(result.labels);
      expect(json.counts).toEqual(result.confusion);
      expect(json.accuracy).toBe(result.accuracy);
      expect(json.perClass).toEqual(result.perClass);
      expect(json.total).toBe(result.predictions.length);
      json.rowPercent.forEach((row, i) => {
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
        row.forEach((p, j) => expect(p).toBeCloseTo((100 * result.confusion[i][j]) / json.rowTotals[i], 9));
      });
    }
    // Counted independently from the predictions, for the validation fixture: o→x 2, x→o 2.
    const json = JSON.parse(readFileSync(join(out, 'confusion-validation.json'), 'utf8')) as ConfusionReport;
    expect(json.counts).toEqual([[3, 2], [2, 3]]);
  });

  it('shows on the contact sheet exactly the misclassified files, worst first', async () => {
    const json = JSON.parse(readFileSync(join(out, 'misclassified-validation.json'), 'utf8')) as MisclassifiedSheetJson;
    expect(json.tiles.map((t) => t.path)).toEqual(['o/o0.png', 'x/x1.png', 'o/o2.png', 'x/x3.png']);
    expect(json).toMatchObject({ misclassified: 4, shown: 4, more: 0 });
    const expected = validation.predictions.filter((p) => p.label !== p.predicted).map((p) => p.path).sort();
    expect(json.tiles.map((t) => t.path).sort()).toEqual(expected);
    // Each tile's left picture is its file: the fixture gives every file its own paper colour.
    const sheet = join(out, 'misclassified-validation.png');
    for (const tile of json.tiles) {
      const n = Number(/(\d+)\.png$/.exec(tile.path)?.[1]);
      const seen = await pixel(sheet, tile.rects.original.x + 3, tile.rects.original.y + 3);
      paperOf(n).forEach((v, c) => expect(Math.abs(seen[c] - v), `${tile.path} channel ${c}`).toBeLessThanOrEqual(2));
      // The right picture is the model's view: an ink-bright spec turns the paper black.
      const input = await pixel(sheet, tile.rects.input.x + 1, tile.rects.input.y + 1);
      expect(Math.max(...input)).toBeLessThan(30);
    }
    const trainSheet = JSON.parse(readFileSync(join(out, 'misclassified-train.json'), 'utf8')) as MisclassifiedSheetJson;
    expect(trainSheet.tiles.map((t) => t.path)).toEqual(['x/x2.png']);
  });

  it('links each non-empty confusion cell to a page holding exactly its images', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const [name, result] of [['train', train], ['validation', validation]] as const) {
      result.labels.forEach((truth, i) =>
        result.labels.forEach((predicted, j) => {
          const page = `cells/${name}/${i}-${j}.html`;
          const members = result.predictions.filter((p) => p.label === truth && p.predicted === predicted).map((p) => p.path);
          if (members.length === 0) {
            expect(existsSync(join(out, page)), page).toBe(false);
            return;
          }
          expect(index).toContain(`href="${page}"`);
          const html = readFileSync(join(out, page), 'utf8');
          const shown = [...html.matchAll(/alt="the file ([^"]+)"/g)].map((m) => m[1]);
          expect(shown.sort(), page).toEqual(members.sort());
        }),
      );
    }
  });

  it('has no broken link, no script and nothing loaded from elsewhere', () => {
    const pages = htmlPages(written.files);
    expect(pages.length).toBeGreaterThan(5);
    expect(brokenLinks(out, pages)).toEqual([]);
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      expect(html).not.toMatch(/<script|<link\b|@import|url\(/i);
    }
  });

  it('shows the model card, the data set, the history and the config', () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('ox-test 0.0.1');
    expect(index).toContain('src="history.svg"');
    expect(index).toContain('learning rate reduced before epoch 4');
    expect(index).toContain('&quot;seed&quot;: 42');
    expect(index).toMatch(/<th class="text">validation<\/th><td>5<\/td><td>5<\/td><td>10<\/td>/);
    expect(index).toContain('40×40: 10');
  });

  it('shows a bounded set of examples per style folder', async () => {
    const examples = written.files.filter((f) => f.startsWith('examples/'));
    expect(examples).toEqual(['examples/o/o0-0.png', 'examples/overview.png', 'examples/x/x2-0.png']);
    expect(await imageSize(join(out, 'examples/overview.png'))).toEqual({ format: 'png', width: 30, height: 10 });
    for (const f of examples.filter((e) => e !== 'examples/overview.png')) expect(await imageSize(join(out, f))).toEqual({ format: 'png', width: 96, height: 96 });
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('<h3>o (2)</h3>');
    expect(index).toContain('1 more not shown');
  });

  it('replaces an earlier report but refuses a folder that is not one', async () => {
    writeFileSync(join(out, 'stale.html'), 'old');
    const again = await writeReport({ outDir: out, card: testCard(), evaluations: [{ name: 'validation', dataDir: join(root, 'data', 'validation'), result: validation }] });
    expect(existsSync(join(out, 'stale.html'))).toBe(false);
    expect(again.history).toBeUndefined();
    expect(existsSync(join(out, 'history.png'))).toBe(false);
    expect(brokenLinks(out, htmlPages(again.files))).toEqual([]);

    const precious = join(root, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    await expect(writeReport({ outDir: precious, card: testCard(), evaluations: [] })).rejects.toThrow(/not an Inkling report/);
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('writeReport on a large or damaged evaluation', () => {
  it('bounds the sheet and the cell pages, and says how many more there are', async () => {
    const root = tempDir();
    const outcomes: FakeOutcome[] = Array.from({ length: 30 }, (_, k) => ({ label: k % 2 ? 'x' : 'o', px: k % 2 ? 0.3 - k / 200 : 0.7 + k / 200 }));
    const result = await fakeEvaluation(join(root, 'data'), outcomes, 24);
    const out = join(root, 'report');
    await writeReport({ outDir: out, card: testCard(), evaluations: [{ name: 'test', dataDir: join(root, 'data'), result }], limits: { sheetTiles: 8, cellImages: 5 } });
    const json = JSON.parse(readFileSync(join(out, 'misclassified-test.json'), 'utf8')) as MisclassifiedSheetJson;
    expect(json).toMatchObject({ misclassified: 30, shown: 8, more: 22 });
    // Worst first: the truth's probability never decreases along the sheet.
    json.tiles.forEach((t, k) => k && expect(t.truthScore).toBeGreaterThanOrEqual(json.tiles[k - 1].truthScore));
    const sheet = await sharp(join(out, 'misclassified-test.png')).metadata();
    expect(sheet.height).toBe(contactSheetLayout(8, 3, 112, 8, true).height);
    const cell = readFileSync(join(out, 'cells/test/0-1.html'), 'utf8');
    expect([...cell.matchAll(/alt="the file /g)]).toHaveLength(5);
    expect(cell).toContain('10 more images in this cell are not shown');
    expect(brokenLinks(out, ['index.html', 'cells/test/0-1.html', 'cells/test/1-0.html'])).toEqual([]);
  });

  it('draws a placeholder for a file that vanished since the evaluation, and still links nothing broken', async () => {
    const root = tempDir();
    const result = await fakeEvaluation(join(root, 'data'), [{ label: 'o', px: 0.9 }, { label: 'x', px: 0.9 }]);
    rmSync(join(root, 'data', 'o', 'o0.png'));
    const out = join(root, 'report');
    const written = await writeReport({ outDir: out, card: testCard(), evaluations: [{ name: 'validation', dataDir: join(root, 'data'), result }] });
    const json = JSON.parse(readFileSync(join(out, 'misclassified-validation.json'), 'utf8')) as MisclassifiedSheetJson;
    expect(json.tiles[0].files).toMatchObject({ error: expect.stringContaining('o/o0.png') });
    expect(brokenLinks(out, htmlPages(written.files))).toEqual([]);
    expect(readFileSync(join(out, 'cells/validation/0-1.html'), 'utf8')).toContain('could not read o/o0.png');
  });

  it('writes a complete report for an empty evaluation', async () => {
    const root = tempDir();
    const out = join(root, 'report');
    const empty: EvaluationResult = { labels: ['o', 'x'], accuracy: 0, confusion: [[0, 0], [0, 0]], perClass: {}, predictions: [], skipped: [] };
    const written = await writeReport({ outDir: out, card: testCard(), evaluations: [{ name: 'test', dataDir: root, result: empty }] });
    expect(written.evaluations[0]).toMatchObject({ misclassified: 0, cellPages: [] });
    expect((await sharp(join(out, 'misclassified-test.png')).metadata()).format).toBe('png');
    expect(brokenLinks(out, htmlPages(written.files))).toEqual([]);
  });

  it('escapes labels and names that mean something in HTML, and keeps file names safe', async () => {
    const root = tempDir();
    const data = join(root, 'data');
    const labels = ['a&b', '<c>'];
    const result = await fakeEvaluation(data, [{ label: 'o', px: 0.9 }, { label: 'x', px: 0.1 }]);
    const renamed: EvaluationResult = {
      ...result,
      labels,
      confusion: [[0, 1], [1, 0]],
      perClass: {},
      predictions: result.predictions.map((p) => ({ ...p, label: p.label === 'o' ? labels[0] : labels[1], predicted: p.predicted === 'o' ? labels[0] : labels[1], scores: { [labels[0]]: p.scores.o, [labels[1]]: p.scores.x } })),
    };
    const out = join(root, 'report');
    const written = await writeReport({ outDir: out, card: { ...testCard(), labels }, evaluations: [{ name: 'Hold-out set #2', dataDir: data, result: renamed }] });
    expect(written.evaluations[0].slug).toBe('hold-out-set-2');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('&lt;c&gt;');
    expect(index).toContain('a&amp;b');
    expect(index).not.toContain('<c>');
    expect(brokenLinks(out, htmlPages(written.files))).toEqual([]);
  });
});
