import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseModelCard } from '@inkling/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeDrawingSet } from '../../test-helpers/drawings.js';
import { describeOnSwiftshader, haveSwiftshader, SWIFTSHADER_ENV } from './swiftshader.test-helpers.js';

const run = promisify(execFile);
const BIN = new URL('../../../bin/inkling.js', import.meta.url).pathname;

async function inkling(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let root: string;
let trained: Awaited<ReturnType<typeof inkling>>;
let runDir: string;

beforeAll(async () => {
  if (!haveSwiftshader) return;
  root = mkdtempSync(join(tmpdir(), 'inkling-webgpu-cli-'));
  await writeDrawingSet(join(root, 'data'), { train: 8, test: 4 }, 3, 32);
  // Tiny: 24x24 grayscale (LeNet's smallest), batches of 8, two epochs of one step each. SwiftShader is a CPU.
  trained = await inkling({ ...process.env, ...SWIFTSHADER_ENV }, 'train', '--data', join(root, 'data'), '--out', join(root, 'runs'), '--epochs', '2', '--steps-per-epoch', '1', '--batch-size', '8', '--image-size', '24', '--backend', 'webgpu');
  runDir = /run folder: (\S+)/.exec(trained.stdout)?.[1] as string;
}, 600_000);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describeOnSwiftshader('inkling train --backend webgpu', () => {
  it('names the adapter, trains and leaves a run folder with its graph model', () => {
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/^backend: webgpu \(google swiftshader SwiftShader.*\)$/m);
    expect(trained.stdout).toMatch(/best epoch \d of 2/);
    for (const file of ['model/model.json', 'graph/model.json', 'graph/card.json', 'history.csv']) expect(existsSync(join(runDir, file)), file).toBe(true);
  });

  it('records the adapter in config.json and in both cards', () => {
    const config = JSON.parse(readFileSync(join(runDir, 'config.json'), 'utf8'));
    expect(config.backend).toBe('webgpu');
    expect(config.backendUsed).toMatch(/^webgpu \(google swiftshader SwiftShader/);
    for (const card of ['model/card.json', 'graph/card.json']) {
      expect(parseModelCard(JSON.parse(readFileSync(join(runDir, card), 'utf8'))).training?.backend).toBe(config.backendUsed);
    }
  });

  it('evaluates and predicts with the run on webgpu', async () => {
    const env = { ...process.env, ...SWIFTSHADER_ENV };
    const evaluated = await inkling(env, 'evaluate', '--model', runDir, '--data', join(root, 'data', 'test'), '--json', '--backend', 'webgpu');
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(JSON.parse(evaluated.stdout).predictions).toHaveLength(8);
  });

  it('says there is no GPU adapter, and exits non-zero, where Vulkan finds no driver', async () => {
    const failed = await inkling({ ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' }, 'train', '--data', join(root, 'data'), '--out', join(root, 'no-gpu'), '--backend', 'webgpu');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/backend "webgpu" could not start: Dawn found no GPU adapter \(.+\)\. Use --backend wasm\./);
    expect(existsSync(join(root, 'no-gpu'))).toBe(false);
  });
});
