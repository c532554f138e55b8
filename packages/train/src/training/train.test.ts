import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelCard } from '@inkling/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDrawingSet } from '../test-helpers/drawings.js';
import { defaultSpec, trainConfigSchema } from './config.js';
import { train, type TrainResult } from './train.js';

let root: string;
let result: TrainResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'inkling-train-'));
  await writeDrawingSet(join(root, 'data'), { train: 24, test: 8 });
  const config = trainConfigSchema.parse({ data: join(root, 'data'), epochs: 5, batchSize: 8, learningRate: 3e-3, backend: 'wasm', preprocess: defaultSpec(24, 'grayscale'), seed: 7 });
  result = await train({ config, out: join(root, 'runs') });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('train (a short run on a tiny data set)', () => {
  it('leaves a run folder with config, best model and card, graph model, history, metrics and log', () => {
    const dir = result.run.dir;
    const card = JSON.parse(readFileSync(join(dir, 'model', 'card.json'), 'utf8'));
    for (const f of ['config.json', 'model/model.json', `model/${card.files.weights[0]}`, 'model/card.json', 'checkpoints/last/model.json', 'graph/model.json', 'graph/weights.bin', 'graph/card.json', 'history.json', 'metrics.json', 'train.log']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const history = JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8'));
    expect(history).toHaveLength(5);
    expect(Object.keys(history[0]).sort()).toEqual(['accuracy', 'epoch', 'loss', 'lr', 'seconds', 'val_accuracy', 'val_loss']);
    expect(history.every((h: { loss: number }) => Number.isFinite(h.loss))).toBe(true);
    expect(readFileSync(join(dir, 'train.log'), 'utf8')).toMatch(/backend: wasm/);
  });

  it('writes valid cards that describe the model', () => {
    const card = parseModelCard(JSON.parse(readFileSync(join(result.run.dir, 'model', 'card.json'), 'utf8')));
    expect(card.labels).toEqual(['o', 'x']);
    expect(card.input.shape).toEqual([24, 24, 1]);
    expect(card.training?.data.counts.train).toEqual({ o: 24, x: 24 });
    expect(card.training?.data.counts.validation).toEqual({ o: 8, x: 8 });
    const graphCard = parseModelCard(JSON.parse(readFileSync(join(result.run.dir, 'graph', 'card.json'), 'utf8')));
    expect(graphCard.format).toBe('tfjs-graph-model');
    expect(graphCard.weightsHash.value).not.toBe(card.weightsHash.value);
  });

  it('resumes a run from its last checkpoint with the same callbacks state', async () => {
    const config = { ...trainConfigSchema.parse(JSON.parse(readFileSync(join(result.run.dir, 'config.json'), 'utf8'))), epochs: 6 };
    const resumed = await train({ config, out: join(root, 'unused'), resume: result.run.dir });
    expect(resumed.run.dir).toBe(result.run.dir);
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.history.slice(0, 5)).toEqual(result.history);
    const csv = readFileSync(join(result.run.dir, 'history.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(readFileSync(join(result.run.dir, 'train.log'), 'utf8')).toMatch(/continuing after epoch 5 of 6/);
  }, 60_000);

  it('learns the tiny task and reports consistent evaluations', () => {
    const [trainEval, valEval] = result.evaluations;
    expect(trainEval.result.predictions).toHaveLength(48);
    expect(valEval.result.predictions).toHaveLength(16);
    expect(valEval.result.accuracy).toBeGreaterThanOrEqual(0.75);
    const metrics = JSON.parse(readFileSync(join(result.run.dir, 'metrics.json'), 'utf8'));
    expect(metrics.val_accuracy).toBe(valEval.result.accuracy);
  });
});
