import './style.css';
import type { RawImage } from '@inkling/core';
import { uploadTypeOf, type ClassifyInput } from './api/request.js';
import { apiBaseFrom, modelBaseUrl } from './config.js';
import { snapshot } from './drawing/snapshot.js';
import { Drawing } from './drawing/strokes.js';
import type { Engine } from './engine.js';
import { registerOffline } from './offline/register.js';
import type { KeepView } from './ui/keep-view.js';
import { Pad } from './ui/pad.js';
import type { ResultView } from './ui/result-view.js';
import { showModelInput } from './ui/seen-view.js';

/** Wait this long after a stroke ends before asking, so a quick second stroke sends one request. */
const DEBOUNCE_MS = 150;

const byId = <T extends HTMLElement>(id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page is missing #${id}`);
  return el as T;
};
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

const result = byId<HTMLElement>('result');
const seen = byId<HTMLCanvasElement>('seen');
const drawing = new Drawing();
let upload: { raw: RawImage; input: ClassifyInput } | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: AbortController | null = null;
let view: ResultView | null = null;
let keep: KeepView | null = null;

// Core (the card parser and preprocessing) loads beside the page; drawing works before it arrives.
const engine: Promise<Engine> = import('./engine.js').then((m) =>
  m.createEngine({ apiBase: apiBaseFrom(location.search, import.meta.env.VITE_INKLING_API), modelBase: modelBaseUrl() }),
);

/** Marks the answer as out of date until the next one arrives (tests and styles read data-pending). */
const setPending = (pending: boolean) => {
  if (pending) result.dataset.pending = 'true';
  else delete result.dataset.pending;
};

const cancelPending = () => {
  clearTimeout(timer);
  inflight?.abort();
  inflight = null;
};

async function run(toRaw: (e: Engine) => RawImage, input: (raw: RawImage) => ClassifyInput): Promise<void> {
  cancelPending();
  setPending(true);
  const controller = new AbortController();
  inflight = controller;
  try {
    const e = await engine;
    if (controller.signal.aborted || !view) return;
    const raw = toRaw(e);
    const preprocessed = e.preprocess(raw);
    showModelInput(seen, e.inputPixels(preprocessed), e.card.preprocess.size);
    view.busy();
    const request = input(raw);
    const outcome = await e.classify(request, preprocessed, controller.signal);
    if (controller.signal.aborted) return;
    if (outcome.kind === 'answer') {
      view.answer(outcome.answer);
      keep?.offer(request);
    } else {
      view.error(outcome.kind === 'refused' ? `The edge API could not read that: ${outcome.message}` : outcome.message);
      keep?.withdraw();
    }
  } catch (err) {
    if (controller.signal.aborted) return;
    view?.error(`No answer: ${messageOf(err)}`);
    keep?.withdraw();
  } finally {
    if (inflight === controller) {
      inflight = null;
      setPending(false);
    }
  }
}

function classifyDrawing(): void {
  if (drawing.isEmpty) return showEmpty();
  const pixels = snapshot(drawing.strokes);
  void run(
    (e) => e.pixelsToRaw(pixels),
    () => ({ kind: 'pixels', width: pixels.width, height: pixels.height, rgba: pixels.data }),
  );
}

function showEmpty(): void {
  cancelPending();
  setPending(false);
  void engine.then((e) => showModelInput(seen, null, e.card.preprocess.size), () => undefined);
  view?.empty();
  keep?.withdraw();
}

const pad = new Pad(byId<HTMLCanvasElement>('pad'), drawing, {
  strokeStart: () => {
    // A new stroke replaces an uploaded image and makes any pending answer stale.
    upload = null;
    cancelPending();
    setPending(true);
    keep?.withdraw();
  },
  strokeEnd: () => {
    clearTimeout(timer);
    setPending(true);
    timer = setTimeout(classifyDrawing, DEBOUNCE_MS);
  },
});

byId('undo').addEventListener('click', () => {
  if (upload) {
    upload = null;
    pad.showImage(null);
  } else if (drawing.undo()) {
    pad.redraw();
  } else {
    return;
  }
  classifyDrawing();
});

byId('clear').addEventListener('click', () => {
  drawing.clear();
  upload = null;
  pad.showImage(null);
  showEmpty();
});

const fileInput = byId<HTMLInputElement>('file');
byId('upload').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  fileInput.value = '';
  if (!file || !view) return;
  cancelPending();
  setPending(true);
  const refuse = (message: string) => {
    setPending(false);
    view?.error(message);
  };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = uploadTypeOf(bytes);
  if (!type) return refuse(`"${file.name}" is not a PNG or JPEG image.`);
  let raw: RawImage;
  try {
    // The edge decodes uploads with this same pure-JS decoder, so both paths see the same pixels.
    // It is only needed for uploads, so it loads on the first one.
    const { decodeImage } = await import('@inkling/core/decode');
    raw = decodeImage(bytes);
  } catch (err) {
    return refuse(`"${file.name}" could not be read: ${messageOf(err)}`);
  }
  drawing.clear();
  upload = { raw, input: { kind: 'file', bytes, type } };
  pad.showImage(raw);
  const current = upload;
  void run(() => current.raw, () => current.input);
});

Promise.all([engine, import('./ui/views.js')]).then(
  ([e, { drawPrompt, shownLabel, KeepView, ResultView }]) => {
    const { card } = e;
    const [h, w] = card.preprocess.size;
    // Every word about the classes comes from the served model's card.
    const prompt = drawPrompt(card.labels);
    document.title = `Inkling: ${prompt}`;
    byId('title').textContent = prompt;
    byId('pad').setAttribute('aria-label', `Drawing area. ${prompt} with a mouse, a finger or a pen.`);
    byId('model-info').textContent = `Model ${card.name} ${card.version}: ${card.labels.map(shownLabel).join(', ')}; sees ${w}×${h} pixels.`;
    byId('seen-caption').textContent = `What the model saw (${w}×${h})`;
    const announce = byId('announce');
    view = new ResultView(
      { root: result, label: byId('label'), detail: byId('detail'), bars: byId('bars'), source: byId('source'), announce, quick: byId('quick'), quickLabel: byId('quick-label'), quickDetail: byId('quick-detail') },
      card,
    );
    keep = new KeepView(
      { box: byId('keep'), labels: byId('keep-labels'), count: byId('kept-count'), download: byId<HTMLButtonElement>('kept-download'), remove: byId<HTMLButtonElement>('kept-delete'), announce },
      card.labels,
      `${card.name} ${card.version}`,
    );
    showModelInput(seen, null, card.preprocess.size);
    document.body.dataset.ready = 'true';
    // Strokes drawn while the model card was loading get their answer now.
    if (!drawing.isEmpty) classifyDrawing();
  },
  (err: unknown) => {
    result.dataset.state = 'error';
    byId('label').textContent = byId('quick-label').textContent = '!';
    byId('detail').textContent = byId('quick-detail').textContent = `The model could not be loaded: ${messageOf(err)}`;
  },
);

// Offline use: the service worker exists only in the built page (Vite's dev server has no sw.js).
if (import.meta.env.PROD) registerOffline(byId('offline-info'));
