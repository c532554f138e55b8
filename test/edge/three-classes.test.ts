// Nothing at the edge knows how many labels a model has: three class folders (O, X and a triangle,
// drawn here with sharp) → `inkling train` → `inkling export` → the edge Worker answers /classify
// with the card's three labels, exactly as `inkling predict` does.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@inkling/core';
import { startDevServer, type DevServer } from '@inkling/edge-api/dev-server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasJson, classify, inkling, predict, sameAnswer } from '../support/inkling.js';

const LABELS = ['o', 'triangle', 'x'];
const work = mkdtempSync(join(tmpdir(), 'inkling-e2e-three-'));
let server: DevServer | undefined;
let modelDir = '';
let images: string[] = [];

/** A 64 px drawing of one shape, placed, sized and stroked by the seeded random. */
function shapeSvg(label: string, random: () => number): string {
  const c = 32 + (random() - 0.5) * 12;
  const r = 14 + random() * 8;
  const stroke = 3 + random() * 3;
  const shape =
    label === 'o'
      ? `<circle cx="${c}" cy="${c}" r="${r}"/>`
      : label === 'x'
        ? `<path d="M${c - r} ${c - r} L${c + r} ${c + r} M${c + r} ${c - r} L${c - r} ${c + r}"/>`
        : `<path d="M${c} ${c - r} L${c + r} ${c + r * 0.8} L${c - r} ${c + r * 0.8} Z"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="white"/><g fill="none" stroke="#222" stroke-width="${stroke}" stroke-linejoin="round">${shape}</g></svg>`;
}

beforeAll(async () => {
  const random = mulberry32(3);
  for (const [split, count] of [['train', 16], ['test', 4]] as const) {
    for (const label of LABELS) {
      mkdirSync(join(work, 'data', split, label), { recursive: true });
      for (let i = 0; i < count; i++) await sharp(Buffer.from(shapeSvg(label, random))).png().toFile(join(work, 'data', split, label, `${label}${i}.png`));
    }
  }
  await inkling(work, 'train', '--data', 'data', '--epochs', '2', '--batch-size', '8', '--out', 'runs', '--backend', 'wasm', '--no-augment', '--seed', '3');
  const [run] = readdirSync(join(work, 'runs'));
  modelDir = join(work, 'model');
  await inkling(work, 'export', '--run', join(work, 'runs', run), '--out', modelDir, '--backend', 'wasm');
  images = LABELS.flatMap((label) => readdirSync(join(work, 'data/test', label)).map((f) => join(work, 'data/test', label, f)));
  server = await startDevServer({ modelDir, port: 0, assets: false });
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a three-class model at the edge', () => {
  it('has the three labels on its card, which the Worker serves', async () => {
    const card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
    expect(card.labels).toEqual(LABELS);
    expect(card.output).toMatchObject({ activation: 'softmax', units: 3 });
    const served = (await (await fetch(`${server!.url}/model`)).json()) as { labels: string[] };
    expect(served.labels).toEqual(LABELS);
  });

  it('answers /classify with the three labels, exactly as `inkling predict` does', async () => {
    const predicted = await predict(work, modelDir, images);
    const seen = new Set<string>();
    for (const file of images) {
      for (const [body, type] of [
        [readFileSync(file), 'image/png'],
        [canvasJson(file), 'application/json'],
      ] as const) {
        const { status, answer, text } = await classify(server!.url, body, type);
        expect(status, text).toBe(200);
        expect(Object.keys(answer.scores)).toEqual(LABELS);
        expect(LABELS).toContain(answer.label);
        expect(Object.values(answer.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        sameAnswer(answer, predicted.get(file)!, `${file} as ${type}`, expect);
        seen.add(answer.label);
      }
    }
    console.log(`three classes: ${images.length} test images answered as inkling predict does; labels seen ${[...seen].join(', ')}`);
  });
});
