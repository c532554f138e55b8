import { classifyResponseSchema, parseModelCard, type ClassifyResponse } from '@inkling/core';
import { describe, expect, inject, it } from 'vitest';
import defaultModel from '../../model/default-model.js';
import { bytesOf, call } from '../../test-support/worker.js';

const card = parseModelCard(defaultModel.card);
const images = inject('testImages');

function classify(body: BodyInit, contentType?: string): Promise<Response> {
  return call('/classify', { method: 'POST', body, headers: contentType ? { 'Content-Type': contentType } : {} });
}

async function answer(res: Response): Promise<ClassifyResponse> {
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  return classifyResponseSchema.parse(await res.json());
}

function expectWellFormed(a: ClassifyResponse, size: number): void {
  expect(Object.keys(a.scores).sort()).toEqual([...card.labels].sort());
  expect(card.labels).toContain(a.label);
  expect(a.probability).toBe(a.scores[a.label]);
  expect(Object.values(a.scores).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  expect(a.model).toEqual({ name: card.name, version: card.version });
  expect(a.input).toEqual({ width: size, height: size });
  expect(a.backend).toBe('wasm');
}

describe('POST /classify answers drawings of O and X correctly', () => {
  it.each(images.map((img) => [img.name, img] as const))('%s as PNG', async (_name, img) => {
    const a = await answer(await classify(bytesOf(img.png), 'image/png'));
    expectWellFormed(a, img.canvas.width);
    expect(a.label).toBe(img.expected);
    expect(a.uncertain).toBe(false);
  });

  it.each(images.map((img) => [img.name, img] as const))('%s as JPEG', async (_name, img) => {
    const a = await answer(await classify(bytesOf(img.jpeg), 'image/jpeg'));
    expectWellFormed(a, img.canvas.width);
    expect(a.label).toBe(img.expected);
  });

  it.each(images.map((img) => [img.name, img] as const))('%s as canvas JSON (transparent paper, straight alpha)', async (_name, img) => {
    const a = await answer(await classify(JSON.stringify(img.canvas), 'application/json'));
    expectWellFormed(a, img.canvas.width);
    expect(a.label).toBe(img.expected);
  });

  it('reads the "image" file of a multipart form', async () => {
    for (const img of images.slice(0, 2).concat(images.slice(-1))) {
      const form = new FormData();
      form.append('note', 'ignored');
      form.append('image', new File([bytesOf(img.png)], 'drawing.png', { type: 'image/png' }));
      const a = await answer(await classify(form));
      expectWellFormed(a, img.canvas.width);
      expect(a.label).toBe(img.expected);
    }
  });

  it('gives the same answer for the same drawing as PNG, as a multipart PNG and labelled image/jpg', async () => {
    const img = images[0];
    const form = new FormData();
    form.append('image', new File([bytesOf(img.png)], 'o.png'));
    const viaPng = await answer(await classify(bytesOf(img.png), 'image/png'));
    const viaForm = await answer(await classify(form));
    const viaJpgLabel = await answer(await classify(bytesOf(img.png), 'image/jpg; charset=binary'));
    expect(viaForm.scores).toEqual(viaPng.scores);
    expect(viaJpgLabel.scores).toEqual(viaPng.scores);
  });

  it('calls a blank page uncertain, because the card says so', async () => {
    const a = await answer(await classify(bytesOf(inject('blankPng')), 'image/png'));
    expect(card.decision.blankIsUncertain).toBe(true);
    expect(a.uncertain).toBe(true);
    expect(a.reason).toBe('blank');
  });

  it('reports where the time went in Server-Timing', async () => {
    const res = await classify(bytesOf(images[0].png), 'image/png');
    await answer(res);
    const timing = res.headers.get('Server-Timing') ?? '';
    for (const step of ['read', 'decode', 'preprocess', 'infer', 'total']) expect(timing).toMatch(new RegExp(`(^|,)${step};dur=\\d`));
  });
});

describe('GET /model and GET /health', () => {
  it('serves the model card, without weights', async () => {
    const res = await call('/model');
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(card)));
    expect(JSON.stringify(served)).not.toContain('weightsManifest');
  });

  it('says the Worker is up, with which model and backend', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    // Warm-up, weights and memory: src/routes/health/health.test.ts.
    expect(await res.json()).toMatchObject({ ok: true, model: { name: card.name, version: card.version }, backend: 'wasm' });
  });
});
