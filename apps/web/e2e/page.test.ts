// The drawing page in real Chromium (Debian's /usr/bin/chromium via playwright-core), served with the
// API by the real Worker (apps/edge-api under wrangler dev / workerd) from apps/web/dist.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayTestVectors } from '@inkling/core/test-vectors';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { drawWithMouse, drawWithPen, drawWithTouch, O_STROKES, X_STROKES } from './draw.js';
import { inkOnPad, litPixelsSeen, makeImage, openPage, readResult, screenshot, settledResult, visibleAnswer } from './page-helpers.js';
import { serveWorker, type Served } from './worker.js';

const here = dirname(fileURLToPath(import.meta.url));
let served: Served;
let browser: Browser;

beforeAll(async () => {
  [served, browser] = await Promise.all([serveWorker(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function drawAndRead(page: Page, strokes: typeof O_STROKES) {
  await page.click('#clear');
  await drawWithMouse(page, page.locator('#pad'), strokes);
  return settledResult(page);
}

describe('drawing with a mouse', () => {
  it('starts empty, reads an O and an X, and shows what the model saw', async () => {
    // With the service worker allowed: registering it and saving the files must pass the real CSP too.
    const { page, errors, consoleErrors, context } = await openPage(browser, served.url, { serviceWorkers: 'allow' });
    const headers = (await page.request.get(`${served.url}/`)).headers();
    expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(headers['x-content-type-options']).toBe('nosniff');

    const empty = await readResult(page);
    expect(empty.state).toBe('empty');
    expect(await page.locator('.bar-row').count()).toBe(served.model.labels.length);
    expect(await page.locator('.bar-value').allTextContents()).toEqual(served.model.labels.map(() => '–'));
    expect(await page.locator('#model-info').textContent()).toContain(`${served.model.name} ${served.model.version}`);
    await screenshot(page, '01-empty');

    const o = await drawAndRead(page, O_STROKES);
    expect(o).toMatchObject({ state: 'answer', label: 'o', uncertain: false, answeredBy: 'edge' });
    expect(o.text.label).toBe('O');
    expect(o.text.source).toMatch(/^Answered by the edge API/);
    expect(o.text.announce).toMatch(/^O, [<>]?\d+%\. answered by the edge api\.$/);
    const oBar = await page.locator('.bar').nth(served.model.labels.indexOf('o')).getAttribute('aria-valuenow');
    expect(Number(oBar)).toBe(Math.round(o.probability! * 100));
    expect(await litPixelsSeen(page)).toBeGreaterThan(50);
    await screenshot(page, '02-o-drawn');

    const x = await drawAndRead(page, X_STROKES);
    expect(x).toMatchObject({ state: 'answer', label: 'x', uncertain: false, answeredBy: 'edge' });
    expect(x.text.label).toBe('X');
    await screenshot(page, '03-x-drawn');
    await page.waitForSelector('body[data-offline-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('#offline-info').textContent()).toMatch(/^Works offline/);
    expect(errors).toEqual([]);
    // No CSP violation and no failed load under the real security headers.
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('undoes one stroke at a time and clears, from the keyboard too', async () => {
    const { page, context } = await openPage(browser, served.url);
    const pad = page.locator('#pad');
    await drawWithMouse(page, pad, X_STROKES);
    await settledResult(page);
    const both = await inkOnPad(page);
    expect(both).toBeGreaterThan(1000);

    await page.focus('#undo');
    await page.keyboard.press('Enter');
    const afterUndo = await settledResult(page);
    const one = await inkOnPad(page);
    expect(one).toBeGreaterThan(both * 0.35);
    expect(one).toBeLessThan(both * 0.75);
    // One diagonal line is still a drawing and gets its own answer.
    expect(afterUndo.state).toBe('answer');

    await page.keyboard.press('Enter');
    expect(await inkOnPad(page)).toBe(0);
    expect((await settledResult(page)).state).toBe('empty');
    // Nothing left to undo: still empty, no error.
    await page.keyboard.press('Enter');
    expect((await readResult(page)).state).toBe('empty');

    await drawWithMouse(page, pad, O_STROKES);
    expect((await settledResult(page)).label).toBe('o');
    await page.focus('#clear');
    await page.keyboard.press('Space');
    expect(await inkOnPad(page)).toBe(0);
    const cleared = await readResult(page);
    expect(cleared.state).toBe('empty');
    expect(cleared.text.announce).toBe('Canvas cleared.');
    expect(await litPixelsSeen(page)).toBe(0);
    await context.close();
  });
});

describe('uploading an image', () => {
  it('reads an uploaded O (JPEG), calls a blank PNG uncertain, and names a file that is not an image', async () => {
    const { page, context } = await openPage(browser, served.url);
    const classifyTypes: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/classify')) classifyTypes.push(r.headers()['content-type'] ?? '');
    });

    await page.setInputFiles('#file', { name: 'o.jpg', mimeType: 'image/jpeg', buffer: await makeImage(page, 'o', 'image/jpeg') });
    const o = await settledResult(page);
    expect(o).toMatchObject({ state: 'answer', label: 'o', answeredBy: 'edge' });
    expect(await inkOnPad(page)).toBeGreaterThan(500);

    await page.setInputFiles('#file', { name: 'blank.png', mimeType: 'image/png', buffer: await makeImage(page, 'blank', 'image/png') });
    const blank = await settledResult(page);
    expect(blank).toMatchObject({ state: 'answer', uncertain: true, reason: 'blank', answeredBy: 'edge' });
    expect(blank.text.detail).toMatch(/^Not sure/);
    expect(classifyTypes).toEqual(['image/jpeg', 'image/png']);
    await screenshot(page, '04-uncertain-blank');

    await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const refused = await readResult(page);
    expect(refused.state).toBe('error');
    expect(refused.text.detail).toBe('"notes.txt" is not a PNG or JPEG image.');
    expect(classifyTypes).toHaveLength(2);

    // Drawing after an upload starts a fresh drawing.
    await drawWithMouse(page, page.locator('#pad'), X_STROKES);
    expect((await settledResult(page)).label).toBe('x');
    await context.close();
  });
});

describe('when the edge API cannot be reached', () => {
  it('answers in the browser with the same label and probability for the same drawing', async () => {
    const { page, context, errors } = await openPage(browser, served.url);
    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/classify')) bodies.push(r.postData() ?? '');
    });

    // The body each answer came from: the last request of a drawing (under load, a stroke can end more
    // than the debounce before the next one starts, so an earlier partial request may go first).
    const sent: string[] = [];
    const lastBody = () => {
      sent.push(bodies.at(-1) ?? '');
      bodies.length = 0;
    };
    const edgeO = await drawAndRead(page, O_STROKES);
    lastBody();
    const edgeX = await drawAndRead(page, X_STROKES);
    lastBody();
    expect([edgeO.answeredBy, edgeX.answeredBy]).toEqual(['edge', 'edge']);

    // The API is down (connection refused) for the O, answering 503 for the X.
    await page.route('**/classify', (route) => route.abort('connectionrefused'));
    const localO = await drawAndRead(page, O_STROKES);
    lastBody();
    await page.unroute('**/classify');
    await page.route('**/classify', (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
    const localX = await drawAndRead(page, X_STROKES);
    lastBody();

    for (const [edge, local] of [[edgeO, localO], [edgeX, localX]] as const) {
      expect(local.answeredBy).toBe('browser');
      expect(local.label).toBe(edge.label);
      expect(local.uncertain).toBe(edge.uncertain);
      expect(Math.abs(local.probability! - edge.probability!)).toBeLessThan(1e-4);
    }
    expect(localO.text.source).toMatch(/^Answered in your browser · (wasm|cpu), model .*could not be reached: network error/);
    expect(localX.text.source).toMatch(/could not be reached: the API answered HTTP 503/);
    // Both paths were given the very same pixels.
    expect(sent).toHaveLength(4);
    expect(sent[0].length).toBeGreaterThan(1000);
    expect(sent[2]).toBe(sent[0]);
    expect(sent[3]).toBe(sent[1]);
    await screenshot(page, '05-fallback-answered');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('phones, fingers and pens', () => {
  it('draws with a finger without scrolling and with a pen, in a 360 px wide layout', async () => {
    const { page, context } = await openPage(browser, served.url, { viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    await page.evaluate(() => {
      const types: string[] = [];
      (window as unknown as { pointerTypes: string[] }).pointerTypes = types;
      document.getElementById('pad')?.addEventListener('pointerdown', (e) => types.push(e.pointerType));
    });
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      pad: document.getElementById('pad')!.getBoundingClientRect().width,
      backing: (document.getElementById('pad') as HTMLCanvasElement).width,
      scrollable: document.documentElement.scrollHeight > window.innerHeight,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(360);
    expect(layout.pad).toBeGreaterThan(300);
    expect(layout.backing).toBe(Math.round(layout.pad * 3));
    expect(layout.scrollable).toBe(true);

    const cdp = await context.newCDPSession(page);
    const pad = page.locator('#pad');
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await drawWithTouch(cdp, pad, O_STROKES);
    const o = await settledResult(page);
    expect(o).toMatchObject({ label: 'o', answeredBy: 'edge' });
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    // The answer is in view while the finger is on the canvas (the bar above it), with no scrolling.
    expect(await visibleAnswer(page)).toMatchObject({ id: 'quick-label', text: 'O', inViewport: true });
    await screenshot(page, '06-phone-360-touch-o-viewport');
    await screenshot(page, '06-phone-360-touch-o', true);

    await page.click('#clear');
    await drawWithPen(cdp, pad, X_STROKES);
    expect(await settledResult(page)).toMatchObject({ label: 'x', answeredBy: 'edge' });
    expect(await visibleAnswer(page)).toMatchObject({ id: 'quick-label', text: 'X', inViewport: true });
    expect(await page.evaluate(() => (window as unknown as { pointerTypes: string[] }).pointerTypes)).toEqual(['touch', 'pen', 'pen']);
    await screenshot(page, '07-phone-360-pen-x', true);
    await context.close();
  });
});

describe('accessibility', () => {
  it('reaches every control by keyboard with a visible focus ring and keeps text contrast at WCAG AA', async () => {
    const { page, context } = await openPage(browser, served.url);
    const reached: Array<{ id: string; outline: string }> = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const s = getComputedStyle(el);
          return { id: el.id || el.className, outline: `${s.outlineStyle} ${s.outlineWidth}` };
        }),
      );
    }
    const ids = reached.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['undo', 'clear', 'upload']));
    for (const r of reached.filter((r) => ['undo', 'clear', 'upload'].includes(r.id))) expect(r.outline).toBe('solid 3px');
    expect(await page.locator('#announce').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#pad').getAttribute('aria-label')).toMatch(/Draw an O or an X/);

    const contrastOf = () =>
      page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = (el: Element | null): number[] => {
          for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const selectors = ['h1', '.intro p', '.help', '#undo', '#clear', '#upload', '#result h2', '#label', '#detail', '.bar-name', '.bar-value', '#seen-caption', '#source', '#model-info', '#kept-count', '#quick-detail', '.keep-prompt'];
        return selectors.map((sel) => {
          const el = document.querySelector(sel) as HTMLElement;
          const s = getComputedStyle(el);
          const [a, b] = [lum(rgb(s.color)), lum(background(el))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && Number(s.fontWeight) >= 700);
          return { sel, ratio: Math.round(ratio * 100) / 100, needed: large ? 3 : 4.5 };
        });
      });
    await drawWithMouse(page, page.locator('#pad'), O_STROKES);
    await settledResult(page);
    await page.setInputFiles('#file', { name: 'blank.png', mimeType: 'image/png', buffer: await makeImage(page, 'blank', 'image/png') });
    await settledResult(page);
    await page.focus('body');
    for (const c of await contrastOf()) expect(c.ratio, c.sel).toBeGreaterThanOrEqual(c.needed);
    await context.close();
  });
});

describe("core's test vectors", () => {
  it('replay in Chromium exactly as in Node', async () => {
    const bundle = (await build({
      configFile: false,
      root: join(here, '..'),
      logLevel: 'silent',
      publicDir: false,
      build: { write: false, minify: false, lib: { entry: join(here, 'vectors-entry.ts'), formats: ['iife'], name: 'inklingVectorsBundle', fileName: 'vectors' } },
    })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
    const output = (Array.isArray(bundle) ? bundle[0] : bundle).output[0];
    // The page's CSP rightly refuses inline scripts; this context lets the test inject its bundle.
    const { page, context } = await openPage(browser, served.url, { bypassCSP: true });
    await page.addScriptTag({ content: output.code });
    const inBrowser = await page.evaluate(() => window.inklingVectors);
    const inNode = await replayTestVectors();
    expect(inBrowser).toHaveLength(inNode.length);
    expect(inNode.length).toBeGreaterThan(0);
    expect(inBrowser).toEqual(inNode);
    for (const r of inBrowser ?? []) expect(r, r.name).toMatchObject({ identical: true, maxAbsDiff: 0, shapeMatches: true, blankMatches: true });
    await context.close();
  });
});
