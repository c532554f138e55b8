import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseModelCard } from '@inkling/core';
import { lenet } from '@inkling/core/architectures';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { main } from '../cli/main.js';
import { saveLayersModelToDir as saveLayersModel } from '../layers-model-files/index.js';
import { randomiseNonKernels, testCard } from './export.test-helpers.js';
import { writeOXFolder } from '../test-helpers/drawings.js';

let root: string;
let run: string;
let data: string;
let out: string[];
let err: string[];

beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'inkling-export-cli-'));
  // A run folder as training leaves it: model/model.json + its weights file + card.json.
  run = join(root, 'run');
  const model = lenet({ inputShape: [32, 32, 1], seed: 8 });
  randomiseNonKernels(model, 8);
  await saveLayersModel(model, join(run, 'model'));
  await writeFile(join(run, 'model', 'card.json'), JSON.stringify(testCard([32, 32, 1])));
  model.dispose();
  data = join(root, 'data');
  await writeOXFolder(data, 4, 3, 64);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const inkling = (...args: string[]) => main(['export', ...args, '--backend', 'wasm']);

describe('inkling export', () => {
  it('writes the graph model and its card, and scores it against the source on --data', async () => {
    const dest = join(root, 'graph-u8');
    expect(await inkling('--run', run, '--out', dest, '--quantize', 'uint8', '--data', data)).toBe(0);
    const card = parseModelCard(JSON.parse(await readFile(join(dest, 'card.json'), 'utf8')));
    const source = testCard([32, 32, 1]);
    expect(card.format).toBe('tfjs-graph-model');
    expect(card.quantization).toBe('uint8');
    expect(card.labels).toEqual(source.labels);
    expect(card.preprocess).toEqual(source.preprocess);
    const json = await readFile(join(dest, 'model.json'));
    const weights = await readFile(join(dest, 'weights.bin'));
    expect(card.files).toMatchObject({ model: 'model.json', weights: ['weights.bin'], bytes: json.byteLength + weights.byteLength });
    expect(card.files.gzipBytes).toBeGreaterThan(0);
    expect(card.files.gzipBytes).toBeLessThan(card.files.bytes);
    expect(card.weightsHash.value).toBe(createHash('sha256').update(weights).digest('hex'));
    expect(JSON.parse(json.toString()).weightsManifest[0].weights[0].quantization.dtype).toBe('uint8');
    // The source's evaluations stay; the export's own joins them.
    expect(card.evaluations[0]).toEqual(source.evaluations[0]);
    expect(card.evaluations[1]).toMatchObject({ data: basename(data), images: 8 });
    const text = out.join('\n');
    expect(text).toMatch(/weights\.bin\s+[\d.]+ kB/);
    expect(text).toMatch(/accuracy on .* \(8 images\): layers model [\d.]+%, exported [\d.]+%, change [+-][\d.]+ points/);
  });

  it('takes a model folder with --model and defaults to no quantisation', async () => {
    const dest = join(root, 'graph-f32');
    expect(await inkling('--model', join(run, 'model'), '--out', dest)).toBe(0);
    const card = parseModelCard(JSON.parse(await readFile(join(dest, 'card.json'), 'utf8')));
    expect(card.quantization).toBe('none');
    expect(card.evaluations).toHaveLength(1);
  });

  it('exports a model without a card with a warning, and refuses --data for it', async () => {
    const bare = join(root, 'bare');
    await saveLayersModel(lenet({ inputShape: [28, 28, 1] }), bare);
    expect(await inkling('--model', bare, '--out', join(root, 'bare-graph'))).toBe(0);
    expect(err.join('\n')).toMatch(/no card\.json/);
    expect(await inkling('--model', bare, '--out', join(root, 'bare-graph2'), '--data', data)).toBe(1);
    expect(err.join('\n')).toMatch(/no card\.json, so there is no preprocessing spec/);
  });

  const failures: [string, () => string[], RegExp][] = [
    ['a missing run folder', () => ['--run', join(root, 'nope'), '--out', join(root, 'x')], /run folder .*nope does not exist/],
    ['a run folder without a model', () => ['--run', data, '--out', join(root, 'x')], /has no model\/model\.json/],
    ['a model folder without model.json', () => ['--model', data, '--out', join(root, 'x')], /no model\.json in .*data/],
    ['neither --run nor --model', () => ['--out', join(root, 'x')], /--run RUNDIR or --model DIR/],
    ['both --run and --model', () => ['--run', run, '--model', run, '--out', join(root, 'x')], /not both/],
    ['--out the source folder', () => ['--run', run, '--out', join(run, 'model')], /would replace the layers model/],
    ['a graph model as the source', () => ['--model', join(root, 'graph-f32'), '--out', join(root, 'x')], /already a graph model/],
    ['a missing --data folder', () => ['--run', run, '--out', join(root, 'x'), '--data', join(root, 'nodata')], /data folder .*nodata does not exist/],
  ];
  for (const [what, args, message] of failures) {
    it(`fails with a clear message and exit 1 for ${what}`, async () => {
      expect(await inkling(...args())).toBe(1);
      expect(err.join('\n')).toMatch(message);
      expect(err.join('\n')).not.toMatch(/\n\s+at /);
    });
  }

  it('rejects an unknown --quantize mode, naming the choices', async () => {
    // Commander reports option errors on stderr itself.
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    expect(await inkling('--run', run, '--out', join(root, 'x'), '--quantize', 'int4')).not.toBe(0);
    expect(written.join('')).toMatch(/int4.*none, float16, uint8/s);
  });

  it('names an unsupported layer', async () => {
    const tfl = await import('@tensorflow/tfjs-layers');
    const dir = join(root, 'lstm');
    await mkdir(dir, { recursive: true });
    const model = tfl.sequential({ layers: [tfl.layers.lstm({ name: 'seq_lstm', inputShape: [5, 4], units: 2, recurrentInitializer: 'glorotUniform' })] });
    await saveLayersModel(model, dir);
    expect(await inkling('--model', dir, '--out', join(root, 'lstm-graph'))).toBe(1);
    expect(err.join('\n')).toMatch(/layer "seq_lstm" \(LSTM\) is not supported/);
  });
});
