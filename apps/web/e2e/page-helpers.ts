import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = join(appRoot, 'test-results', 'screenshots');

export interface ResultState {
  state?: string;
  label?: string;
  probability?: number;
  uncertain?: boolean;
  reason?: string;
  answeredBy?: string;
  text: { label: string; detail: string; source: string; announce: string };
}

/**
 * A fresh context and page at `url`, ready (model card loaded). `errors` collects uncaught page errors;
 * `consoleErrors` console errors, which include CSP violations and failed loads.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[]; consoleErrors: string[] }> {
  // Reduced motion: the bars jump to their value, so screenshots show the final state. Service workers
  // are blocked unless a test asks for them: page.route() does not see what a service worker answers.
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 }, deviceScaleFactor: 1, reducedMotion: 'reduce', serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { context, page, errors, consoleErrors };
}

export async function readResult(page: Page): Promise<ResultState> {
  return page.evaluate(() => {
    const root = document.getElementById('result') as HTMLElement;
    const d = root.dataset;
    const text = (id: string) => document.getElementById(id)?.textContent ?? '';
    return {
      state: d.state,
      label: d.label,
      probability: d.probability === undefined ? undefined : Number(d.probability),
      uncertain: d.uncertain === undefined ? undefined : d.uncertain === 'true',
      reason: d.reason,
      answeredBy: d.answeredBy,
      text: { label: text('label'), detail: text('detail'), source: text('source'), announce: text('announce') },
    };
  });
}

/** Waits until no answer is pending any more (debounce over, request or fallback done) and reads it. */
export async function settledResult(page: Page, timeout = 30_000): Promise<ResultState> {
  await page.waitForFunction(() => {
    const d = (document.getElementById('result') as HTMLElement).dataset;
    return d.pending === undefined && (d.state === 'answer' || d.state === 'error' || d.state === 'empty');
  }, undefined, { timeout });
  return readResult(page);
}

/** Dark pixels on the drawing canvas: a cheap count of how much ink is on screen. */
export async function inkOnPad(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.getElementById('pad') as HTMLCanvasElement;
    const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128) n++;
    return n;
  });
}

/** Bright pixels in the "what the model saw" canvas (ink is bright for an 'ink-bright' card). */
export async function litPixelsSeen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.getElementById('seen') as HTMLCanvasElement;
    const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] > 128) n++;
    return n;
  });
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** PNG or JPEG bytes made by the browser's own encoder: a blank page, or an O drawn on it. */
export async function makeImage(page: Page, kind: 'blank' | 'o', type: 'image/png' | 'image/jpeg', width = 240, height = 180): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ kind, type, width, height }) => {
      const c = new OffscreenCanvas(width, height);
      const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      if (kind === 'o') {
        ctx.strokeStyle = '#203060';
        ctx.lineWidth = Math.min(width, height) * 0.06;
        ctx.beginPath();
        ctx.ellipse(width / 2, height / 2, width * 0.22, height * 0.3, 0, 0, Math.PI * 2);
        ctx.stroke();
      }
      const blob = await c.convertToBlob({ type, quality: 0.9 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { kind, type, width, height },
  );
  return Buffer.from(bytes);
}

/**
 * The answer's label as a person sees it: the compact bar above the canvas where it is shown (phones),
 * else the answer card's label; with its box and whether all of it is inside the viewport.
 */
export async function visibleAnswer(page: Page): Promise<{ id: string; text: string; inViewport: boolean; top: number; bottom: number }> {
  return page.evaluate(() => {
    const quick = document.getElementById('quick') as HTMLElement;
    const id = getComputedStyle(quick).display === 'none' ? 'label' : 'quick-label';
    const el = document.getElementById(id) as HTMLElement;
    const r = el.getBoundingClientRect();
    const inViewport = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    return { id, text: el.textContent ?? '', inViewport, top: Math.round(r.top), bottom: Math.round(r.bottom) };
  });
}
