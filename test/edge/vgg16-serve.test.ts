// The lesson's second model at the edge: a VGG16 transfer model (a narrow VGG16, a sixteenth of the
// channels, its "pretrained" base written as a Keras HDF5 file in the official layout by the writer
// the vgg16 tests use) trained on a small generated set, exported as uint8, served by the same Worker
// in workerd, and answering /classify exactly as `inkling predict` does.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type DevServer } from '@inkling/edge-api/dev-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVgg16Models } from '../scripts/make-vgg16-models.mjs';
import { classify, predict, sameAnswer } from '../support/inkling.js';

const work = mkdtempSync(join(tmpdir(), 'inkling-e2e-vgg16-'));
let server: DevServer | undefined;
let modelDir = '';

beforeAll(async () => {
  const made = await makeVgg16Models({ out: work, widthDivisor: 16, imageSize: 32, count: 24, quantize: ['uint8'], log: () => {} });
  modelDir = made.models.uint8;
  server = await startDevServer({ modelDir, port: 0, assets: false });
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a VGG16 transfer model trained and exported by inkling, served by the edge Worker', () => {
  it('is the exported VGG16 model that the Worker serves, warm and on WASM', async () => {
    const card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
    expect(card.architecture.name).toBe('vgg16');
    expect(card.preprocess.normalize).toEqual({ method: 'caffe' });
    const served = (await (await fetch(`${server!.url}/model`)).json()) as { weightsHash: { value: string } };
    expect(served.weightsHash.value).toBe(card.weightsHash.value);
    const health = (await (await fetch(`${server!.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, backend: 'wasm', warmUp: 'load', warm: true });
  });

  it('answers /classify for PNG drawings exactly as `inkling predict` does', async () => {
    const images = readdirSync(join(work, 'data/test')).flatMap((label) => readdirSync(join(work, 'data/test', label)).map((f) => join(work, 'data/test', label, f)));
    expect(images.length).toBeGreaterThanOrEqual(4);
    const predicted = await predict(work, modelDir, images);
    for (const file of images) {
      const { status, answer, text } = await classify(server!.url, readFileSync(file), 'image/png');
      expect(status, text).toBe(200);
      expect(Object.keys(answer.scores).sort()).toEqual(readdirSync(join(work, 'data/test')).sort());
      sameAnswer(answer, predicted.get(file)!, file, expect);
    }
  });
});
