import { exampleClassifyResponse } from '@inkling/core/test-vectors';
import { describe, expect, it, vi } from 'vitest';
import { classifyRemote, interpretResponse } from './client.js';

const input = { kind: 'pixels' as const, width: 1, height: 1, rgba: new Uint8Array([0, 0, 0, 255]) };
const ANSWER = exampleClassifyResponse();

const reply = (status: number, body: unknown, type = 'application/json') =>
  (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } })) as typeof fetch;

describe('classifyRemote', () => {
  it('posts to /classify under the base and returns a valid answer', async () => {
    let seen: { url: string; method?: string; type?: string } | null = null;
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen = { url, method: init.method, type: (init.headers as Record<string, string>)['content-type'] };
      return new Response(JSON.stringify(ANSWER), { status: 200 });
    }) as unknown as typeof fetch;
    const out = await classifyRemote('http://127.0.0.1:8787', input, { fetch: fetchFn });
    expect(seen).toEqual({ url: 'http://127.0.0.1:8787/classify', method: 'POST', type: 'application/json' });
    expect(out).toEqual({ kind: 'answer', response: ANSWER });
  });

  it('shows a 4xx refusal with its message and does not fall back', async () => {
    const body = { error: { code: 'corrupt-image', message: 'the PNG is truncated' } };
    expect(await classifyRemote('', input, { fetch: reply(400, body) })).toEqual({ kind: 'refused', status: 400, error: body.error });
    expect(await classifyRemote('', input, { fetch: reply(413, { error: { code: 'image-too-large', message: 'too big' } }) })).toMatchObject({ kind: 'refused', status: 413 });
  });

  it('falls back on 5xx, on "not now" statuses and on replies that are not the API', async () => {
    expect(await classifyRemote('', input, { fetch: reply(500, { error: { code: 'internal', message: 'boom' } }) })).toEqual({ kind: 'unreachable', reason: 'the API answered HTTP 500' });
    expect(await classifyRemote('', input, { fetch: reply(503, 'Service Unavailable', 'text/plain') })).toMatchObject({ kind: 'unreachable' });
    expect(await classifyRemote('', input, { fetch: reply(429, { error: { code: 'rate-limited', message: 'slow down' } }) })).toMatchObject({ kind: 'unreachable' });
    // A static host without the API: its 404 page is HTML, not the API's JSON error.
    expect(await classifyRemote('', input, { fetch: reply(404, '<h1>Not found</h1>', 'text/html') })).toEqual({ kind: 'unreachable', reason: 'the API answered HTTP 404' });
    expect(await classifyRemote('', input, { fetch: reply(200, { label: 'x' }) })).toMatchObject({ kind: 'unreachable', reason: expect.stringMatching(/not a classification/) });
    expect(await classifyRemote('', input, { fetch: reply(200, 'not json', 'text/plain') })).toMatchObject({ kind: 'unreachable' });
  });

  it('falls back when the network fails', async () => {
    const fetchFn = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await classifyRemote('', input, { fetch: fetchFn })).toEqual({ kind: 'unreachable', reason: 'network error: Failed to fetch' });
    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(await classifyRemote('', input, { fetch: fetchFn })).toEqual({ kind: 'unreachable', reason: 'you are offline' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('falls back when the API does not answer in time', async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as unknown as typeof fetch;
    const t0 = Date.now();
    expect(await classifyRemote('', input, { fetch: hang, timeoutMs: 50 })).toEqual({ kind: 'unreachable', reason: 'no answer within 50 ms' });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('rejects, without falling back, when the caller cancels (a newer drawing replaced this one)', async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    const controller = new AbortController();
    const pending = classifyRemote('', input, { fetch: hang, timeoutMs: 10_000, signal: controller.signal });
    controller.abort(new Error('superseded'));
    await expect(pending).rejects.toThrow('superseded');
  });
});

describe('interpretResponse', () => {
  it('checks every field of an answer', () => {
    expect(interpretResponse(200, ANSWER).kind).toBe('answer');
    expect(interpretResponse(200, { ...ANSWER, reason: 'low-confidence', uncertain: true })).toMatchObject({ kind: 'answer', response: { reason: 'low-confidence' } });
    for (const broken of [
      { ...ANSWER, probability: 1.5 },
      { ...ANSWER, probability: Number.NaN },
      { ...ANSWER, scores: { o: 0.1 } },
      { ...ANSWER, scores: { o: 'high', x: 0.9 } },
      { ...ANSWER, uncertain: 'no' },
      { ...ANSWER, model: { name: 'ox' } },
      { ...ANSWER, input: null },
      [ANSWER],
      null,
    ]) {
      expect(interpretResponse(200, broken).kind, JSON.stringify(broken)).toBe('unreachable');
    }
  });

  it('needs the API error shape to count a 4xx as a refusal', () => {
    expect(interpretResponse(415, { error: { code: 'unsupported-media-type', message: 'send PNG' } }).kind).toBe('refused');
    expect(interpretResponse(400, { error: 'bad' }).kind).toBe('unreachable');
    expect(interpretResponse(405, null).kind).toBe('unreachable');
  });
});
