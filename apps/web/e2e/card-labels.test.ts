// The page speaks from the served model's card: with a three-class model (an untrained fixture made
// by scripts/make-fixture-model.mjs) it shows three labels, three bars in three colours, the prompt
// built from the labels, and keep buttons for each; the edge API and the in-browser model both answer
// with those labels.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { drawWithMouse, O_STROKES } from './draw.js';
import { openPage, settledResult } from './page-helpers.js';
import { startWorker } from './worker.js';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = ['circle', 'square', 'triangle'];
let dir: string;
let worker: { url: string; stop(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkling-three-'));
  await promisify(execFile)(process.execPath, [join(appRoot, 'scripts', 'make-fixture-model.mjs'), '--untrained', '--labels', LABELS.join(','), '--out', dir], { timeout: 120_000 });
  [worker, browser] = await Promise.all([startWorker(dir), launchChromium()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a three-class model', () => {
  it('shows its three labels, prompt and colours, and both the edge and the browser answer with them', async () => {
    const card = JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as { name: string; labels: string[] };
    expect(card.labels).toEqual(LABELS);
    const { page, context, errors } = await openPage(browser, worker.url, { serviceWorkers: 'block' });
    // The Worker bundles the fixture for /classify; dist/ was built with models/ox, so its copy of the
    // model files is swapped for the fixture's here, as a page built with INKLING_MODEL_DIR would have it.
    await context.route('**/models/ox/*', (route) => route.fulfill({ path: join(dir, new URL(route.request().url()).pathname.split('/').pop() ?? '') }));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');

    expect(await page.locator('h1').textContent()).toBe('Draw a circle, a square or a triangle');
    expect(await page.title()).toBe('Inkling: Draw a circle, a square or a triangle');
    expect(await page.locator('#pad').getAttribute('aria-label')).toContain('Draw a circle, a square or a triangle');
    expect(await page.locator('.bar-name').allTextContents()).toEqual(LABELS);
    const colours = await page.locator('.bar-name').evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
    expect(new Set(colours).size).toBe(3);
    expect(await page.locator('#model-info').textContent()).toContain(`${card.name} 0.0.0-fixture: circle, square, triangle`);

    await drawWithMouse(page, page.locator('#pad'), O_STROKES);
    const edge = await settledResult(page);
    expect(edge).toMatchObject({ state: 'answer', answeredBy: 'edge' });
    expect(LABELS).toContain(edge.label);
    expect(await page.locator('.bar-value').allTextContents()).toHaveLength(3);
    expect(await page.locator('#keep-labels button').allTextContents()).toEqual(['It is a circle', 'It is a square', 'It is a triangle']);

    // The in-browser model reads the same card: same label, same probability.
    await page.route('**/classify', (route) => route.abort('connectionrefused'));
    await page.click('#undo');
    await page.click('#clear');
    await drawWithMouse(page, page.locator('#pad'), O_STROKES);
    const local = await settledResult(page);
    expect(local).toMatchObject({ state: 'answer', answeredBy: 'browser', label: edge.label });
    expect(Math.abs(local.probability! - edge.probability!)).toBeLessThan(1e-4);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says the answer needs the network, and downloads nothing, when the model is over the fallback size', async () => {
    const { page, context } = await openPage(browser, worker.url, { serviceWorkers: 'block' });
    const card = JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as { files: { bytes: number } };
    card.files.bytes = 14_800_000;
    await context.route('**/models/ox/card.json', (route) => route.fulfill({ json: card }));
    const modelLoads: string[] = [];
    page.on('request', (r) => {
      if (/\/models\/ox\/(model\.json|weights)|local-model|\.wasm$/.test(r.url())) modelLoads.push(r.url());
    });
    await context.route('**/classify', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await drawWithMouse(page, page.locator('#pad'), O_STROKES);
    const result = await settledResult(page);
    expect(result.state).toBe('error');
    expect(result.text.detail).toBe(
      'The answer needs the network: the edge API could not be reached (network error: Failed to fetch), and this model (14.8 MB) is over the 4.2 MB the page downloads to answer by itself.',
    );
    expect(modelLoads).toEqual([]);
    await context.close();
  });
});
