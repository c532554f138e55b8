import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeDrawingSet } from '../test-helpers/drawings.js';
import { main } from './main.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/inkling.js', import.meta.url).pathname;

/** Runs the built CLI; resolves with its output and exit code instead of throwing. */
async function inkling(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let root: string;
let runDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'inkling-cli-'));
  await writeDrawingSet(join(root, 'data'), { train: 16, test: 6 }, 3);
  // Default image size and augmentation: the augment test below compares its preview with this run.
  const trained = await inkling('train', '--data', join(root, 'data'), '--out', join(root, 'runs'), '--epochs', '2', '--batch-size', '8', '--backend', 'wasm');
  expect(trained.code, trained.stderr).toBe(0);
  runDir = /run folder: (\S+)/.exec(trained.stdout)?.[1] as string;
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('inkling command line', () => {
  it("summary prints the seed's LeNet ending in 1,212,513 trainable parameters", async () => {
    const { code, stdout } = await inkling('summary', '--model', 'lenet');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Total params: 1,212,513\nTrainable params: 1,212,513\nNon-trainable params: 0/);
  });

  it('train prints progress per epoch and leaves a run folder', async () => {
    const log = readFileSync(join(runDir, 'train.log'), 'utf8');
    expect(log).toMatch(/backend: wasm/);
    expect(log).toMatch(/best epoch \d of 2/);
  });

  it('train --config repeats a run from its own config.json, and flags given override it', async () => {
    const config = join(runDir, 'config.json');
    const again = await inkling('train', '--config', config, '--out', join(root, 'runs-again'));
    expect(again.code, again.stderr).toBe(0);
    const againDir = /run folder: (\S+)/.exec(again.stdout)?.[1] as string;
    const json = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
    expect(json(againDir, 'config.json')).toEqual(json(runDir, 'config.json'));
    expect(json(againDir, 'model/card.json').weightsHash).toEqual(json(runDir, 'model/card.json').weightsHash);

    const flags = ['--epochs', '1', '--min-confidence', '0.6', '--patience', '4', '--reduce-lr-patience', '1', '--validation-dir', join(root, 'data', 'train')];
    const changed = await inkling('train', '--config', config, '--out', join(root, 'runs-flags'), ...flags);
    expect(changed.code, changed.stderr).toBe(0);
    const changedDir = /run folder: (\S+)/.exec(changed.stdout)?.[1] as string;
    const original = json(runDir, 'config.json');
    expect(json(changedDir, 'config.json')).toEqual({
      ...original,
      epochs: 1,
      validationData: join(root, 'data', 'train'),
      decision: { ...original.decision, minConfidence: 0.6 },
      earlyStopping: { ...original.earlyStopping, patience: 4 },
      reduceLr: { ...original.reduceLr, patience: 1 },
    });
    expect(json(changedDir, 'model/card.json').decision.minConfidence).toBe(0.6);
    expect(readFileSync(join(changedDir, 'train.log'), 'utf8')).toMatch(/validation \(folder train\)/);
  }, 120_000);

  it('augment without --config previews exactly what train applied', async () => {
    const image = join(root, 'data', 'test', 'x', 'x0.png');
    // In process (a fresh node would add seconds of start-up per grid).
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const preview = async (name: string, ...args: string[]) => {
      expect(await main(['augment', '--image', image, '--count', '4', '--tile-size', '32', '--out', join(root, name), ...args])).toBe(0);
      return readFileSync(join(root, name));
    };
    const byDefault = await preview('default.png');
    expect(byDefault.equals(await preview('from-run.png', '--config', join(runDir, 'config.json')))).toBe(true);
    writeFileSync(join(root, 'small.json'), JSON.stringify({ rotationRange: 5 }));
    expect(byDefault.equals(await preview('other.png', '--config', join(root, 'small.json')))).toBe(false);
    vi.restoreAllMocks();
  });

  it('evaluate --json, --predictions and --report agree with each other and with predict', async () => {
    const testDir = join(root, 'data', 'test');
    const csv = join(root, 'predictions.csv');
    const report = join(root, 'report');
    const { code, stdout } = await inkling('evaluate', '--model', runDir, '--data', testDir, '--json', '--predictions', csv, '--report', report);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.labels).toEqual(['o', 'x']);
    expect(result.predictions).toHaveLength(12);
    expect(result.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(12);
    const confusionJson = JSON.parse(readFileSync(join(report, 'confusion-test.json'), 'utf8'));
    expect(confusionJson.counts).toEqual(result.confusion);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('path,label,predicted,probability,uncertain');
    expect(rows).toHaveLength(13);
    const files = result.predictions.slice(0, 3).map((p: { path: string }) => join(testDir, p.path));
    const predicted = await inkling('predict', '--model', runDir, '--json', ...files);
    const lines = predicted.stdout.trim().split('\n').map((l) => JSON.parse(l));
    lines.forEach((l: { label: string; probability: number }, i: number) => {
      expect(l.label).toBe(result.predictions[i].predicted);
      expect(l.probability).toBeCloseTo(result.predictions[i].probability, 5);
    });
    const text = await inkling('evaluate', '--model', join(runDir, 'graph'), '--data', testDir);
    expect(text.stdout).toContain(`accuracy ${(result.accuracy * 100).toFixed(2)}%`);
    expect(text.stdout).toMatch(/confusion matrix/);
  });

  it('fails with a clear message and a non-zero exit on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['evaluate', '--model', join(root, 'nope'), '--data', join(root, 'data', 'test')], /no model at .*nope/],
      [['evaluate', '--model', runDir, '--data', join(root, 'missing')], /cannot read the data folder/],
      [['train', '--data', join(root, 'missing'), '--out', join(root, 'runs')], /data folder .*missing does not exist/],
      [['train', '--epochs', 'three'], /"three" is not a whole number/],
      [['train', '--data', join(root, 'data'), '--rotation-range', '-5'], /rotationRange/],
      [['train', '--resume', join(root, 'data')], /is not a run folder/],
      [['predict', '--model', runDir, join(root, 'nothing.png')], /1 of 1 file\(s\) could not be read/],
      [['summary', '--model', 'resnet'], /unknown model "resnet"/],
    ];
    writeFileSync(join(root, 'not-an-image.png'), 'hello');
    cases.push([['predict', '--model', runDir, join(root, 'not-an-image.png')], /cannot read this image/]);
    for (const [args, message] of cases) {
      const r = await inkling(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(/^\s+at /m);
    }
  });
});
