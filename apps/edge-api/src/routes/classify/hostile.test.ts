// A seeded run of generated hostile requests: random bytes, mutated PNGs and JPEGs, huge declared
// sizes, wrong content types, malformed multipart and JSON. None may get a 5xx, every error must
// have the JSON error shape, and the Worker must still answer real drawings correctly afterwards.
import { mulberry32, parseModelCard } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, inject, it } from 'vitest';
import defaultModel from '../../model/default-model.js';
import { jpegDeclaring, pngDeclaring } from '../../test-support/image-bytes.js';
import { bytesOf, call, type ErrorJson } from '../../test-support/worker.js';

const images = inject('testImages');
const { labels } = parseModelCard(defaultModel.card);
const rand = mulberry32(20261128);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];

function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = int(256);
  return out;
}

/** One to eight random edits: flipped bytes, overwritten runs, cuts, insertions, truncation. */
function mutate(source: Uint8Array): Uint8Array {
  let b = source.slice();
  const edits = 1 + int(8);
  for (let e = 0; e < edits; e++) {
    const at = int(b.length);
    switch (int(5)) {
      case 0:
        b[at] ^= 1 << int(8);
        break;
      case 1:
        b.set(randomBytes(Math.min(1 + int(32), b.length - at)), at);
        break;
      case 2:
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(Math.min(b.length, at + 1 + int(64)))]);
        break;
      case 3:
        b = new Uint8Array([...b.subarray(0, at), ...randomBytes(1 + int(64)), ...b.subarray(at)]);
        break;
      default:
        b = b.slice(0, at);
    }
    if (b.length === 0) break;
  }
  return b;
}

const ACCEPTED = ['image/png', 'image/jpeg', 'multipart/form-data', 'application/json'];
const WEIRD_TYPES = ['', 'image/png; charset=utf-8', 'IMAGE/PNG', 'image/jpg', 'text/plain', 'image/', '/', 'multipart/form-data; boundary=', 'application/json; charset=latin1', 'image/png, image/jpeg', 'a'.repeat(300), 'image/svg+xml', 'application/problem+json'];

interface Case {
  kind: string;
  init: RequestInit;
}

function post(kind: string, body: BodyInit | null, contentType?: string): Case {
  return { kind, init: { method: 'POST', body, headers: contentType === undefined ? {} : { 'Content-Type': contentType } } };
}

function multipartBody(boundary: string, parts: { name: string; filename?: string; data: Uint8Array | string }[], close = true): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    chunks.push(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n\r\n`));
    chunks.push(typeof p.data === 'string' ? enc.encode(p.data) : p.data);
    chunks.push(enc.encode('\r\n'));
  }
  if (close) chunks.push(enc.encode(`--${boundary}--\r\n`));
  return new Uint8Array(chunks.flatMap((c) => [...c]));
}

async function generateCases(): Promise<Case[]> {
  const pngs = images.map((i) => bytesOf(i.png));
  const jpegs = images.map((i) => bytesOf(i.jpeg));
  const cases: Case[] = [];
  for (let i = 0; i < 150; i++) cases.push(post('random bytes', randomBytes(int(3000)), pick([...ACCEPTED.slice(0, 2), ...WEIRD_TYPES])));
  for (let i = 0; i < 200; i++) cases.push(post('mutated PNG', mutate(pick(pngs)), 'image/png'));
  for (let i = 0; i < 200; i++) cases.push(post('mutated JPEG', mutate(pick(jpegs)), 'image/jpeg'));
  const sizes = [0, 1, 2048, 2049, 65_535, 65_536, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
  for (let i = 0; i < 40; i++) {
    const w = rand() < 0.5 ? pick(sizes) : int(2 ** 32);
    const h = rand() < 0.5 ? pick(sizes) : int(2 ** 32);
    cases.push(post('huge declared PNG', await pngDeclaring(w >>> 0, h >>> 0), 'image/png'));
    cases.push(post('huge declared JPEG', jpegDeclaring(pick(jpegs), int(65_536), int(65_536)), 'image/jpeg'));
  }
  for (let i = 0; i < 100; i++) cases.push(post('wrong type', pick(pngs), pick(WEIRD_TYPES)));
  for (let i = 0; i < 20; i++) cases.push({ kind: 'wrong method', init: { method: pick(['GET', 'PUT', 'DELETE', 'PATCH']), body: null } });
  for (let i = 0; i < 150; i++) {
    const boundary = `b${int(1e9)}`;
    const declared = rand() < 0.7 ? boundary : `x${int(1e9)}`;
    const parts = pick([
      () => [{ name: 'image', filename: 'a.png', data: mutate(pick(pngs)) }],
      () => [{ name: 'image', filename: 'a.jpg', data: mutate(pick(jpegs)) }],
      () => [{ name: 'image', data: 'text, not a file' }],
      () => [{ name: 'img', filename: 'a.png', data: pick(pngs) }],
      () => [
        { name: 'image', filename: 'a.png', data: pick(pngs) },
        { name: 'image', filename: 'b.png', data: pick(pngs) },
      ],
      () => [{ name: 'image', filename: 'r.bin', data: randomBytes(int(2000)) }],
    ])();
    let body = multipartBody(boundary, parts, rand() < 0.8);
    if (rand() < 0.3) body = mutate(body);
    cases.push(post('malformed multipart', body, pick([`multipart/form-data; boundary=${declared}`, 'multipart/form-data', `multipart/form-data; boundary="${declared}"`])));
  }
  for (let i = 0; i < 150; i++) {
    const canvas = pick(images).canvas;
    const valid = JSON.stringify(canvas);
    const variants: (() => string)[] = [
      () => valid.slice(0, int(valid.length)),
      () => JSON.stringify({ ...canvas, width: pick([0, -1, 1.5, 1e308, '150', null, 2 ** 53, canvas.width + 1]) }),
      () => JSON.stringify({ ...canvas, height: pick([0, -7, NaN, 'x', [], {}, canvas.height - 1]) }),
      () => JSON.stringify({ ...canvas, rgba: pick(['', '====', canvas.rgba.slice(1), `${canvas.rgba}AAAA`, canvas.rgba.replace(/A/g, '*'), 42, null]) }),
      () => JSON.stringify(pick([null, 1, 'x', [], [canvas], { image: canvas }, {}])),
      () => new TextDecoder().decode(mutate(new TextEncoder().encode(valid.slice(0, 400)))),
      () => `{"width":${int(100_000)},"height":${int(100_000)},"rgba":"AAAA"}`,
    ];
    cases.push(post('malformed JSON', pick(variants)(), pick(['application/json', 'application/json; charset=utf-8'])));
  }
  return cases;
}

describe('hostile input', () => {
  it('1,000+ generated requests: no 5xx, every error in the JSON error shape', async () => {
    const cases = await generateCases();
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    await call('/health'); // the Worker has loaded its model
    const tensorsBefore = tf.memory().numTensors;
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const res = await call('/classify', c.init);
      const text = await res.text();
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`#${i} ${c.kind}: ${res.status} ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        const body = JSON.parse(text) as ErrorJson;
        if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') failures.push(`#${i} ${c.kind}: bad error body ${text.slice(0, 200)}`);
      } else if (res.status === 200) {
        const body = JSON.parse(text) as { label: string; probability: number };
        if (!labels.includes(body.label) || !(body.probability >= 0 && body.probability <= 1)) failures.push(`#${i} ${c.kind}: odd answer ${text}`);
      } else failures.push(`#${i} ${c.kind}: unexpected status ${res.status}`);
    }
    console.log(`hostile input: ${cases.length} requests, by status ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`);
    expect(failures).toEqual([]);
    // Nothing leaks per request, whether it was answered or refused.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    // The run must have exercised the refusals it is about, not just one of them.
    for (const status of [400, 405, 413, 415]) expect(byStatus.get(status) ?? 0).toBeGreaterThan(0);
  });

  it('leaves the Worker answering real drawings correctly', async () => {
    for (const img of images) {
      const res = await call('/classify', { method: 'POST', body: bytesOf(img.png), headers: { 'Content-Type': 'image/png' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { label: string }).label).toBe(img.expected);
    }
  });
});
