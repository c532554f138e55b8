// The page on phones held upright and on a desktop (the answer stays in view while drawing), offline
// for real (service worker), and "Not right? Keep it" (drawings kept in IndexedDB, downloaded as a zip
// that `inkling train --data` reads). Real Chromium against the real Worker, like page.test.ts.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeImage } from '@inkling/core/decode';
import { unzipSync } from 'fflate';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelCacheName } from '../src/offline/plan.js';
import { launchChromium } from './browser.js';
import { circle, drawWithMouse, drawWithTouch, line, O_STROKES, X_STROKES, type Frac } from './draw.js';
import { openPage, readResult, screenshot, settledResult, visibleAnswer } from './page-helpers.js';
import { DIST, serveWorker, type Served } from './worker.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let served: Served;
let browser: Browser;

beforeAll(async () => {
  [served, browser] = await Promise.all([serveWorker(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

// 360x640 with touch and pen: page.test.ts ('phones, fingers and pens') checks the answer in view there.
const SIZES = [
  { name: 'phone-390x844', viewport: { width: 390, height: 844 }, phone: true },
  { name: 'desktop-1100x820', viewport: { width: 1100, height: 820 }, phone: false },
] as const;

describe('the answer in view while drawing', () => {
  for (const size of SIZES) {
    it(`shows the label inside the viewport after a stroke, without scrolling, at ${size.name}`, async () => {
      const device = size.phone ? { deviceScaleFactor: 3, isMobile: true, hasTouch: true } : {};
      const { page, context } = await openPage(browser, served.url, { viewport: size.viewport, ...device });
      const pad = page.locator('#pad');
      if (size.phone) await drawWithTouch(await context.newCDPSession(page), pad, X_STROKES);
      else await drawWithMouse(page, pad, X_STROKES);
      expect((await settledResult(page)).state).toBe('answer');
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const seen = await visibleAnswer(page);
      expect(seen, JSON.stringify(seen)).toMatchObject({ id: size.phone ? 'quick-label' : 'label', text: 'X', inViewport: true });
      // The whole canvas is on screen too: the answer is not bought by pushing the drawing away.
      const padBox = await pad.boundingBox();
      expect(padBox!.y + padBox!.height).toBeLessThanOrEqual(size.viewport.height);
      // "Not right? Keep it" works with a tap (or a click) at this size too; the full flow is below.
      const keepX = page.locator('#keep-labels button[data-label="x"]');
      if (size.phone) await keepX.tap();
      else await keepX.click();
      await page.waitForFunction(() => document.getElementById('kept-count')?.dataset.count === '1');
      await screenshot(page, `10-${size.name}-answer`);
      await context.close();
    });
  }
});

/**
 * Draws, waits for the answer, and returns it with the JSON body of the last /classify request (under
 * load a stroke can end more than the debounce before the next, so an earlier request may go first).
 */
async function drawAndCapture(page: Page, strokes: readonly (readonly Frac[])[]): Promise<{ label?: string; rgba: Buffer }> {
  await page.click('#clear');
  const bodies: string[] = [];
  const onRequest = (r: Request) => {
    if (r.url().endsWith('/classify') && r.method() === 'POST') bodies.push(r.postData() ?? '{}');
  };
  page.on('request', onRequest);
  await drawWithMouse(page, page.locator('#pad'), strokes);
  const result = await settledResult(page);
  page.off('request', onRequest);
  const body = JSON.parse(bodies.at(-1) ?? '{}') as { rgba: string };
  return { label: result.label, rgba: Buffer.from(body.rgba, 'base64') };
}

describe('offline for real', () => {
  for (const size of [SIZES[0], SIZES[1]]) {
    it(`loads once, then with the network off reloads from the service worker and answers in the browser, at ${size.name}`, async () => {
      const device = size.phone ? { deviceScaleFactor: 3, isMobile: true, hasTouch: true } : {};
      const { page, context, errors, consoleErrors } = await openPage(browser, served.url, { serviceWorkers: 'allow', viewport: size.viewport, ...device });
      await page.waitForSelector('body[data-offline-ready="true"]', { timeout: 60_000 });
      const card = JSON.parse(readFileSync(join(DIST, 'models', 'ox', 'card.json'), 'utf8')) as Parameters<typeof modelCacheName>[0];
      // Installable: the manifest and every icon it names are served.
      const manifest = (await (await page.request.get(`${served.url}/manifest.webmanifest`)).json()) as { start_url: string; display: string; icons: Array<{ src: string }> };
      expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
      for (const icon of manifest.icons) expect((await page.request.get(`${served.url}${icon.src}`)).status(), icon.src).toBe(200);
      const cacheNames = await page.evaluate(() => caches.keys());
      // The model is kept under its card's version and weights hash.
      expect(cacheNames).toContain(modelCacheName(card));
      expect(cacheNames.filter((n) => n.startsWith('inkling-page-'))).toHaveLength(1);

      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      if (size.phone) await drawWithTouch(await context.newCDPSession(page), page.locator('#pad'), O_STROKES);
      else await drawWithMouse(page, page.locator('#pad'), O_STROKES);
      const o = await settledResult(page, 60_000);
      expect(o).toMatchObject({ state: 'answer', label: 'o', answeredBy: 'browser' });
      expect(o.text.source).toMatch(/^Answered in your browser · (wasm|cpu), model .*could not be reached: you are offline\)$/);
      expect(o.text.announce).toMatch(/answered in your browser\.$/);
      await screenshot(page, `11-offline-answered-${size.name}`);
      expect(errors).toEqual([]);
      // Offline, the only failed load is the API call the page expects to fail.
      expect(consoleErrors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
      await context.close();
    });
  }
});

describe('a new model version', () => {
  it('replaces the model the service worker kept, and the page still answers offline', async () => {
    const { page, context } = await openPage(browser, served.url, { serviceWorkers: 'allow' });
    await page.waitForSelector('body[data-offline-ready="true"]', { timeout: 60_000 });
    const card = JSON.parse(readFileSync(join(DIST, 'models', 'ox', 'card.json'), 'utf8')) as Parameters<typeof modelCacheName>[0];
    const [before, after] = [modelCacheName(card), modelCacheName({ ...card, version: `${card.version}.1` })];
    const cacheNames = () => page.evaluate(() => caches.keys());
    expect(await cacheNames()).toContain(before);
    // A deploy with a new card version: the same sw.js, whose plan now names the new model cache.
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toContain(before);
    // Registered under a new script URL, which the browser treats as an update of the same
    // registration (its own update check of /sw.js was not routed by Playwright when tried).
    await context.route('**/sw.js?deploy=2', (route) => route.fulfill({ contentType: 'text/javascript', body: sw.replaceAll(before, after) }));
    await page.evaluate(() => navigator.serviceWorker.register('/sw.js?deploy=2'));
    // The new worker fetches the model into the new cache, takes over, and deletes the old one.
    await expect.poll(async () => (await cacheNames()).filter((n) => n.startsWith('inkling-model-')), { timeout: 60_000, interval: 250 }).toEqual([after]);

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await drawWithMouse(page, page.locator('#pad'), X_STROKES);
    expect(await settledResult(page, 60_000)).toMatchObject({ state: 'answer', label: 'x', answeredBy: 'browser' });
    await context.close();
  });
});

describe('Not right? Keep it', () => {
  it('keeps corrected drawings as the PNG the API got, counts them, and downloads a zip inkling train reads', async () => {
    const { page, context } = await openPage(browser, served.url, { acceptDownloads: true });
    expect(await readResult(page)).toMatchObject({ state: 'empty' });
    expect(await page.locator('#keep').isHidden()).toBe(true);
    expect(await page.locator('#kept-download').isDisabled()).toBe(true);

    const kept: Array<{ label: string; rgba: Buffer }> = [];
    // Five of each (the trainer holds out 20% of each class for validation), each a little different,
    // kept under the label the person chose (here: what was drawn).
    const drawings = [0, 1, 2, 3, 4].flatMap((i) => {
      const d = (i - 2) * 0.03;
      // Few points per stroke: the shapes only need to differ, and every point is a round trip.
      const x = [line([0.25 + d, 0.25], [0.75, 0.75 - d], 6), line([0.75, 0.25 + d], [0.25 - d, 0.75], 6)];
      return [[x, 'x'], [[circle(0.5 + d, 0.5 - d, 0.3 - Math.abs(d), 20)], 'o']] as const;
    });
    for (const [strokes, label] of drawings) {
      const { rgba } = await drawAndCapture(page, strokes);
      expect(await page.locator('#keep').isVisible()).toBe(true);
      // One button per card label, from the card.
      expect(await page.locator('#keep-labels button').allTextContents()).toEqual(served.model.labels.map((l) => (l === 'neither' ? 'It is neither' : `It is an ${l.toUpperCase()}`)));
      await page.focus(`#keep-labels button[data-label="${label}"]`);
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.getElementById('kept-count')?.dataset.count === String(n), kept.length + 1);
      kept.push({ label, rgba });
    }
    expect(await page.locator('#kept-count').textContent()).toMatch(/^10 drawings kept in this browser/);
    expect(await page.locator('#announce').textContent()).toBe('Kept as O. 10 drawings kept.');
    // Keeping is once per answer; the pressed button keeps keyboard focus.
    expect(await page.locator('#keep-labels button').first().getAttribute('aria-disabled')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-label'))).toBe('o');
    await page.keyboard.press('Enter');
    expect(await page.locator('#kept-count').getAttribute('data-count')).toBe('10');
    // A new stroke withdraws the offer until its own answer arrives.
    await page.click('#clear');
    expect(await page.locator('#keep').isHidden()).toBe(true);
    await screenshot(page, '12-kept');

    // The count survives a reload: it is in IndexedDB.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => document.getElementById('kept-count')?.dataset.count === '10');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#kept-download')]);
    expect(download.suggestedFilename()).toBe('inkling-drawings.zip');
    const dir = mkdtempSync(join(tmpdir(), 'inkling-kept-'));
    try {
      const zipPath = join(dir, 'kept.zip');
      await download.saveAs(zipPath);
      const files = unzipSync(readFileSync(zipPath));
      const names = Object.keys(files).sort();
      expect(names).toHaveLength(10);
      for (const n of names) expect(n).toMatch(/^(o|x)\/\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{8}\.png$/);
      expect(names.filter((n) => n.startsWith('o/'))).toHaveLength(5);

      // Each PNG holds exactly the pixels the API was sent (256x256 RGBA), not the model's input.
      const data = join(dir, 'data');
      const decoded = names.map((n) => ({ label: n.split('/')[0], image: decodeImage(files[n]) }));
      for (const d of decoded) expect([d.image.width, d.image.height, d.image.channels]).toEqual([256, 256, 4]);
      for (const k of kept) {
        expect(decoded.some((d) => d.label === k.label && Buffer.from(d.image.data).equals(k.rgba)), `a ${k.label} PNG with the sent pixels`).toBe(true);
      }
      for (const n of names) {
        mkdirSync(join(data, dirname(n)), { recursive: true });
        writeFileSync(join(data, n), files[n]);
      }
      expect(readdirSync(data).sort()).toEqual(['o', 'x']);

      // The folder is what `inkling train --data` reads: one quick epoch on the kept drawings.
      const bin = join(repoRoot, 'packages', 'train', 'bin', 'inkling.js');
      const run = await promisify(execFile)(process.execPath, [bin, 'train', '--data', data, '--epochs', '1', '--batch-size', '4', '--steps-per-epoch', '1', '--no-augment', '--backend', 'cpu', '--out', join(dir, 'runs')], {
        cwd: dir,
        timeout: 180_000,
      }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`inkling train refused the downloaded folder: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
      });
      expect(run.stdout).toMatch(/data: 8 training images \{"o":4,"x":4\}, 2 validation .*classes o, x/);
      expect(run.stdout).toMatch(/^saved: /m);
      expect(readdirSync(join(dir, 'runs'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Delete asks twice (no blocking dialog), then empties the store.
    await page.click('#kept-delete');
    expect(await page.locator('#kept-count').getAttribute('data-count')).toBe('10');
    await page.click('#kept-delete');
    await page.waitForFunction(() => document.getElementById('kept-count')?.dataset.count === '0');
    await context.close();
  }, 240_000);
});
