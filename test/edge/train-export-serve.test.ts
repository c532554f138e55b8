// From data to an answer over HTTP, across packages: generate a tiny data set, train a few steps,
// export a graph model (all with the `inkling` command), serve that model with the edge Worker in
// workerd (wrangler dev), classify through HTTP, and check the Worker's answers equal
// `inkling predict` on the same images.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type DevServer } from '@inkling/edge-api/dev-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasJson, classify, inkling, predict, sameAnswer } from '../support/inkling.js';

const work = mkdtempSync(join(tmpdir(), 'inkling-e2e-'));
let server: DevServer | undefined;
let images: string[] = [];
let modelDir = '';

beforeAll(async () => {
  await inkling(work, 'dataset', '--out', 'data', '--count', '48', '--seed', '7', '--examples', '1');
  await inkling(work, 'train', '--data', 'data', '--epochs', '1', '--steps-per-epoch', '3', '--batch-size', '8', '--out', 'runs', '--backend', 'wasm', '--no-augment');
  const runs = readdirSync(join(work, 'runs'));
  expect(runs).toHaveLength(1);
  modelDir = join(work, 'model');
  await inkling(work, 'export', '--run', join(work, 'runs', runs[0]), '--out', modelDir, '--backend', 'wasm');
  // The held-out images, plus one example of each drawing style (transparent canvases among them).
  const test = ['o', 'x'].flatMap((label) => readdirSync(join(work, 'data/test', label)).map((f) => join(work, 'data/test', label, f)));
  const examples = readdirSync(join(work, 'data/examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((style) => readdirSync(join(work, 'data/examples', style.name)).map((f) => join(work, 'data/examples', style.name, f)));
  images = [...test, ...examples].filter((f) => f.endsWith('.png'));
  server = await startDevServer({ modelDir, port: 0, assets: false });
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a model trained and exported by inkling, served by the edge Worker', () => {
  it('is the exported model that the Worker serves, on the WASM backend', async () => {
    const card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
    const served = (await (await fetch(`${server!.url}/model`)).json()) as { weightsHash: { value: string }; labels: string[] };
    expect(served.weightsHash.value).toBe(card.weightsHash.value);
    expect(served.labels).toEqual(card.labels);
    const health = (await (await fetch(`${server!.url}/health`)).json()) as { backend: string };
    expect(health.backend).toBe('wasm');
  });

  it('answers over HTTP exactly as `inkling predict` does, for PNG bodies and canvas JSON', async () => {
    expect(images.length).toBeGreaterThanOrEqual(20);
    const predicted = await predict(work, modelDir, images);
    expect(predicted.size).toBe(images.length);
    let maxDiff = 0;
    for (const file of images) {
      const expected = predicted.get(file)!;
      for (const [body, type] of [
        [readFileSync(file), 'image/png'],
        [canvasJson(file), 'application/json'],
      ] as const) {
        const { status, answer, text } = await classify(server!.url, body, type);
        expect(status, text).toBe(200);
        maxDiff = Math.max(maxDiff, sameAnswer(answer, expected, `${file} as ${type}`, expect));
      }
    }
    const labels = [...predicted.values()].map((a) => a.label);
    console.log(`${images.length} images × (PNG, canvas JSON): same answers as inkling predict; largest probability difference ${maxDiff.toExponential(2)}; predicted labels ${JSON.stringify(Object.fromEntries(['o', 'x'].map((l) => [l, labels.filter((x) => x === l).length])))}`);
  });
});
