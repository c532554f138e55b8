import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDrawingSet } from '../test-helpers/drawings.js';
import { KILL_AT_ENV } from './kill-switch.js';

const BIN = new URL('../../bin/inkling.js', import.meta.url).pathname;

/** Runs the built CLI in a child process; resolves with how it ended. */
function inkling(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      const e = err as (Error & { code?: number; signal?: string }) | null;
      resolve({ code: e ? (e.code ?? null) : 0, signal: e?.signal ?? null, stderr });
    });
  });
}

const onlyRun = (out: string) => {
  const dirs = readdirSync(out);
  expect(dirs).toHaveLength(1);
  return join(out, dirs[0]);
};

/** The last checkpoint's weights file(s), byte for byte, and the loss history. */
function finalState(runDir: string): { weights: Buffer; losses: number[] } {
  const dir = join(runDir, 'checkpoints', 'last');
  const bins = readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();
  const history = JSON.parse(readFileSync(join(runDir, 'history.json'), 'utf8')) as { loss: number }[];
  return { weights: Buffer.concat(bins.map((f) => readFileSync(join(dir, f)))), losses: history.map((h) => h.loss) };
}

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'inkling-resume-'));
  await writeDrawingSet(join(root, 'data'), { train: 20, test: 6 }, 5, 32);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// 40 training images, batch 8: 5 batches an epoch; killed after batch 2 of epoch 1 (both from 0).
const trainArgs = (out: string, workers: number) => ['train', '--data', join(root, 'data'), '--out', out, '--epochs', '3', '--batch-size', '8', '--image-size', '24', '--backend', 'wasm', '--seed', '11', '--workers', String(workers)];

describe.each([1, 2])('a run killed mid-epoch and resumed (%i worker(s))', (workers) => {
  it('ends with the same weights and losses as the same run uninterrupted', async () => {
    const whole = join(root, `whole-${workers}`);
    const killed = join(root, `killed-${workers}`);
    const [a, b] = await Promise.all([inkling(trainArgs(whole, workers)), inkling(trainArgs(killed, workers), { [KILL_AT_ENV]: '1:2' })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.signal, b.stderr).toBe('SIGKILL');
    const killedRun = onlyRun(killed);
    expect(JSON.parse(readFileSync(join(killedRun, 'history.json'), 'utf8'))).toHaveLength(1);
    const resumed = await inkling(['train', '--resume', killedRun]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const expected = finalState(onlyRun(whole));
    const got = finalState(killedRun);
    expect(got.losses).toEqual(expected.losses);
    expect(got.weights.equals(expected.weights)).toBe(true);
  }, 300_000);
});
