// From data to an answer over HTTP, across packages: generate a tiny data set, train a few steps,
// export a graph model (all with the `inkling` command), serve that model with the edge Worker in
// workerd (wrangler dev), classify through HTTP, and check the Worker's answers equal
// `inkling predict` on the same images: PNG, JPEG of every kind (baseline, progressive, 4:2:0, 4:4:4,
// grayscale, EXIF-oriented) and canvas JSON. Both decode with core's one decoder, so the probabilities
// must agree to 1e-6.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { applyOrientation, decodeImage, inverseOrientation, type Orientation } from '@inkling/core/decode';
import { base64ToBytes, TEST_VECTORS } from '@inkling/core/test-vectors';
import sharp from 'sharp';
import { startDevServer, type DevServer } from '@inkling/edge-api/dev-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const inklingBin = join(repo, 'packages/train/bin/inkling.js');

interface Answer {
  label: string;
  probability: number;
  scores: Record<string, number>;
  uncertain: boolean;
  reason?: string;
}

async function inkling(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [inklingBin, ...args], { cwd: work, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`inkling ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

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
  await inkling('dataset', '--out', 'data', '--count', '48', '--seed', '7', '--examples', '1');
  await inkling('train', '--data', 'data', '--epochs', '1', '--steps-per-epoch', '3', '--batch-size', '8', '--out', 'runs', '--backend', 'wasm', '--no-augment');
  const runs = readdirSync(join(work, 'runs'));
  expect(runs).toHaveLength(1);
  modelDir = join(work, 'model');
  await inkling('export', '--run', join(work, 'runs', runs[0]), '--out', modelDir, '--backend', 'wasm');
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

async function classify(body: RequestInit['body'], contentType: string): Promise<Answer> {
  const res = await fetch(`${server!.url}/classify`, { method: 'POST', body, headers: { 'Content-Type': contentType } });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Answer;
}

/** The image as the page sends it: straight-alpha RGBA of a canvas, base64. */
function canvasJson(file: string): string {
  const image = decodeImage(new Uint8Array(readFileSync(file)));
  const n = image.width * image.height;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const px = image.data.subarray(i * image.channels, (i + 1) * image.channels);
    const [r, g, b] = image.channels >= 3 ? [px[0], px[1], px[2]] : [px[0], px[0], px[0]];
    rgba.set([r, g, b, image.channels === 4 ? px[3] : 255], i * 4);
  }
  return JSON.stringify({ width: image.width, height: image.height, rgba: Buffer.from(rgba).toString('base64') });
}

let maxDiff = 0;

function expectSameAnswer(served: Answer, predicted: Answer, what: string): void {
  maxDiff = Math.max(maxDiff, Math.abs(served.probability - predicted.probability));
  expect({ what, label: served.label, uncertain: served.uncertain, reason: served.reason }).toEqual({ what, label: predicted.label, uncertain: predicted.uncertain, reason: predicted.reason });
  expect(Math.abs(served.probability - predicted.probability), what).toBeLessThanOrEqual(1e-6);
  for (const [label, p] of Object.entries(predicted.scores)) expect(Math.abs(served.scores[label] - p), what).toBeLessThanOrEqual(1e-6);
}

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
    const out = await inkling('predict', '--model', modelDir, '--json', '--backend', 'wasm', ...images);
    const predicted = new Map(out.trim().split('\n').map((line) => {
      const { file, ...answer } = JSON.parse(line) as Answer & { file: string };
      return [resolve(work, file), answer as Answer];
    }));
    expect(predicted.size).toBe(images.length);
    for (const file of images) {
      const expected = predicted.get(file)!;
      expectSameAnswer(await classify(readFileSync(file), 'image/png'), expected, `${file} as PNG`);
      expectSameAnswer(await classify(canvasJson(file), 'application/json'), expected, `${file} as canvas JSON`);
    }
    const labels = [...predicted.values()].map((a) => a.label);
    console.log(`${images.length} images × (PNG, canvas JSON): same answers as inkling predict; largest probability difference ${maxDiff.toExponential(2)}; predicted labels ${JSON.stringify(Object.fromEntries(['o', 'x'].map((l) => [l, labels.filter((x) => x === l).length])))}`);
  });

  it('answers exactly as `inkling predict` does for JPEGs: progressive, 4:2:0, 4:4:4, grayscale, EXIF-oriented', async () => {
    expect(jpegs.length).toBeGreaterThanOrEqual(JPEG_KINDS.length + 15);
    const out = await inkling('predict', '--model', modelDir, '--json', '--backend', 'wasm', ...jpegs);
    const predicted = new Map(out.trim().split('\n').map((line) => {
      const { file, ...answer } = JSON.parse(line) as Answer & { file: string };
      return [resolve(work, file), answer as Answer];
    }));
    expect(predicted.size).toBe(jpegs.length);
    let largest = 0;
    for (const file of jpegs) {
      const served = await classify(readFileSync(file), 'image/jpeg');
      largest = Math.max(largest, Math.abs(served.probability - predicted.get(file)!.probability));
      expectSameAnswer(served, predicted.get(file)!, `${file} as JPEG`);
    }
    console.log(`${jpegs.length} JPEGs (${JPEG_KINDS.map((k) => k.name).join(', ')}, and core's 15 decoder fixtures): same answers as inkling predict; largest probability difference ${largest.toExponential(2)}`);
  });
});
