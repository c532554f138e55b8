import { parseModelCard, preprocessToArray, type RawImage } from '@inkling/core';
import { exampleCard } from '@inkling/core/test-vectors';
import { describe, expect, it, vi } from 'vitest';
import type { RemoteOutcome } from '../api/client.js';
import type { LocalModel } from '../model/local-model.js';
import { fitsInBrowser, MAX_FALLBACK_MODEL_BYTES } from '../model/fallback-size.js';
import { classify, once, type ClassifierDeps } from './classifier.js';

const card = parseModelCard(exampleCard({ shape: [16, 16, 1] }, { name: 'ox', version: '2.0.0', decision: { threshold: 0.5, minConfidence: 0.8 } }));

/** A 40x40 white image with a dark cross, or nothing on it. */
function image(ink: boolean): RawImage {
  const side = 40;
  const data = new Uint8Array(side * side * 4).fill(255);
  if (ink) {
    for (let i = 8; i < 32; i++) {
      for (const [x, y] of [[i, i], [i, 39 - i]]) data.fill(20, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { width: side, height: side, channels: 4, data };
}

const input = { kind: 'pixels' as const, width: 40, height: 40, rgba: image(true).data };
const fakeModel = (p: number): LocalModel & { calls: Array<readonly number[]> } => {
  const calls: Array<readonly number[]> = [];
  return { backend: 'wasm', calls, predict: (_data, shape) => (calls.push(shape), new Float32Array([p])) };
};
const deps = (remote: RemoteOutcome, model: LocalModel): ClassifierDeps & { local: ReturnType<typeof vi.fn> } => ({
  card,
  remote: async () => remote,
  local: vi.fn(async () => model),
});

describe('classify', () => {
  const pre = preprocessToArray(image(true), card.preprocess);

  it("passes the edge API's answer through and never loads the in-browser model", async () => {
    const d = deps({ kind: 'answer', response: { label: 'x', probability: 0.93, scores: { o: 0.07, x: 0.93 }, uncertain: false, model: { name: 'ox', version: '2.0.0' }, input: { width: 40, height: 40 }, backend: 'wasm' } }, fakeModel(0.1));
    const out = await classify(d, input, pre, new AbortController().signal);
    expect(out).toEqual({ kind: 'answer', answer: { label: 'x', probability: 0.93, scores: { o: 0.07, x: 0.93 }, uncertain: false, answeredBy: 'edge', model: { name: 'ox', version: '2.0.0' }, backend: 'wasm' } });
    expect(d.local).not.toHaveBeenCalled();
  });

  it("shows the API's refusal instead of answering it in the browser", async () => {
    const d = deps({ kind: 'refused', status: 413, error: { code: 'image-too-large', message: 'the image is 9000x9000' } }, fakeModel(0.9));
    expect(await classify(d, input, pre, new AbortController().signal)).toEqual({ kind: 'refused', message: 'the image is 9000x9000' });
    expect(d.local).not.toHaveBeenCalled();
  });

  it("answers in the browser with the card's shape, labels and rule when the API is unreachable", async () => {
    const model = fakeModel(0.9);
    const d = deps({ kind: 'unreachable', reason: 'network error: Failed to fetch' }, model);
    const out = await classify(d, input, pre, new AbortController().signal);
    expect(model.calls).toEqual([[16, 16, 1]]);
    expect(out).toEqual({
      kind: 'answer',
      answer: {
        label: 'x',
        probability: expect.closeTo(0.9, 6),
        scores: { o: expect.closeTo(0.1, 6), x: expect.closeTo(0.9, 6) },
        uncertain: false,
        answeredBy: 'browser',
        model: { name: 'ox', version: '2.0.0' },
        backend: 'wasm',
        fallbackReason: 'network error: Failed to fetch',
      },
    });
  });

  it("is uncertain in the browser exactly where the card's rule says", async () => {
    const low = await classify(deps({ kind: 'unreachable', reason: 'HTTP 502' }, fakeModel(0.25)), input, pre, new AbortController().signal);
    // o at 0.75 is under this card's minConfidence of 0.8.
    expect(low).toMatchObject({ kind: 'answer', answer: { label: 'o', uncertain: true, reason: 'low-confidence' } });
    const blank = preprocessToArray(image(false), card.preprocess);
    expect(blank.ink.blank).toBe(true);
    const out = await classify(deps({ kind: 'unreachable', reason: 'HTTP 502' }, fakeModel(0.99)), input, blank, new AbortController().signal);
    expect(out).toMatchObject({ kind: 'answer', answer: { uncertain: true, reason: 'blank' } });
  });

  it('says the answer needs the network when the model is over the fallback size, and loads nothing', async () => {
    const big = { ...card, files: { ...card.files, bytes: 14_800_000 } };
    expect(fitsInBrowser(big)).toBe(false);
    expect(fitsInBrowser(card)).toBe(true);
    expect(fitsInBrowser({ files: { ...card.files, bytes: MAX_FALLBACK_MODEL_BYTES } })).toBe(true);
    const d: ClassifierDeps = { card: big, remote: async () => ({ kind: 'unreachable', reason: 'network error: Failed to fetch' }), local: { tooBig: 'this model (14.8 MB) is too big.' } };
    expect(await classify(d, input, pre, new AbortController().signal)).toEqual({
      kind: 'needs-network',
      message: 'The answer needs the network: the edge API could not be reached (network error: Failed to fetch), and this model (14.8 MB) is too big.',
    });
  });

  it('gives up quietly when a newer drawing cancelled it while the model loaded', async () => {
    const controller = new AbortController();
    const d: ClassifierDeps = {
      card,
      remote: async () => ({ kind: 'unreachable', reason: 'timeout' }),
      local: async () => {
        controller.abort(new Error('superseded'));
        return fakeModel(0.9);
      },
    };
    await expect(classify(d, input, pre, controller.signal)).rejects.toThrow('superseded');
  });
});

describe('once', () => {
  it('loads once for every caller, and again after a failure', async () => {
    let n = 0;
    const load = once(async () => {
      n++;
      if (n === 1) throw new Error('offline');
      return n;
    });
    await expect(load()).rejects.toThrow('offline');
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, n]).toEqual([2, 2, 2]);
    expect(await load()).toBe(2);
  });
});
