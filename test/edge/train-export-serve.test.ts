// From data to an answer over HTTP, across packages: generate a tiny data set, train a few steps,
// export a graph model (all with the `inkling` command), serve that model with the edge Worker in
// workerd (wrangler dev), classify through HTTP, and check the Worker's answers equal
// `inkling predict` on the same images: PNG, JPEG of every kind (baseline, progressive, 4:2:0, 4:4:4,
// grayscale, EXIF-oriented) and canvas JSON. Both decode with core's one decoder, so the probabilities
// must agree to 1e-6.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOrientation, decodeImage, inverseOrientation, type Orientation } from '@inkling/core/decode';
import { base64ToBytes, TEST_VECTORS } from '@inkling/core/test-vectors';
import sharp from 'sharp';
import { startDevServer, type DevServer } from '@inkling/edge-api/dev-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasJson, classify, inkling, predict, sameAnswer } from '../support/inkling.js';

const work = mkdtempSync(join(tmpdir(), 'inkling-e2e-'));
let server: DevServer | undefined;
let images: string[] = [];
let jpegs: string[] = [];
let modelDir = '';

/** How the drawings are saved as JPEG: the kinds a phone or an editor writes. */
const JPEG_KINDS: { name: string; options: import('sharp').JpegOptions; orientation?: Orientation }[] = [
  { name: 'baseline-444', options: { quality: 90, chromaSubsampling: '4:4:4' } },
  { name: 'baseline-420', options: { quality: 80, chromaSubsampling: '4:2:0' } },
  { name: 'progressive-420', options: { quality: 80, progressive: true } },
  { name: 'exif-6', options: { quality: 85 }, orientation: 6 },
  { name: 'exif-3', options: { quality: 85, progressive: true }, orientation: 3 },
  { name: 'exif-8', options: { quality: 85 }, orientation: 8 },
];

/**
 * Some drawings saved as JPEGs of each kind (EXIF-oriented ones stored turned, so that they show
 * upright), plus core's JPEG decoder fixtures.
 */
async function writeJpegs(pngs: string[], dir: string): Promise<string[]> {
  mkdirSync(dir);
  const out: string[] = [];
  for (const [i, png] of pngs.entries()) {
    const kind = JPEG_KINDS[i % JPEG_KINDS.length];
    let image = decodeImage(new Uint8Array(readFileSync(png)));
    if (kind.orientation) image = applyOrientation(image, inverseOrientation(kind.orientation));
    let encoder = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } }).flatten({ background: '#ffffff' });
    if (kind.orientation) encoder = encoder.withMetadata({ orientation: kind.orientation });
    const file = join(dir, `${i}-${kind.name}.jpg`);
    writeFileSync(file, await encoder.jpeg(kind.options).toBuffer());
    out.push(file);
  }
  for (const v of TEST_VECTORS.filter((t) => t.name.startsWith('jpeg-'))) {
    const file = join(dir, `${v.name}.jpg`);
    writeFileSync(file, base64ToBytes(v.image));
    out.push(file);
  }
  return out;
}

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
  jpegs = await writeJpegs(test.filter((f) => f.endsWith('.png')).slice(0, 2 * JPEG_KINDS.length), join(work, 'jpeg'));
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
  it('answers exactly as `inkling predict` does for JPEGs: progressive, 4:2:0, 4:4:4, grayscale, EXIF-oriented', async () => {
    expect(jpegs.length).toBeGreaterThanOrEqual(JPEG_KINDS.length + 15);
    const predicted = await predict(work, modelDir, jpegs);
    expect(predicted.size).toBe(jpegs.length);
    let largest = 0;
    for (const file of jpegs) {
      const { status, answer, text } = await classify(server!.url, readFileSync(file), 'image/jpeg');
      expect(status, text).toBe(200);
      largest = Math.max(largest, sameAnswer(answer, predicted.get(file)!, `${file} as JPEG`, expect));
    }
    console.log(`${jpegs.length} JPEGs (${JPEG_KINDS.map((k) => k.name).join(', ')}, and core's 15 decoder fixtures): same answers as inkling predict; largest probability difference ${largest.toExponential(2)}`);
  });
});
