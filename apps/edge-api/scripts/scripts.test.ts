// The build and run scripts, in Node: the size check and the plan a model needs (limits as data,
// workers-limits.mjs), and the test Worker's config matches the deployed one.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSize, CODE_BYTES, verdict, type Measurement } from './check-model-size.mjs';
import { planNeeded, PLANS } from './workers-limits.mjs';
import { readWranglerConfig, stripJsonComments } from './wrangler-config.mjs';

const pkgDir = join(import.meta.dirname, '..');
const defaultModel = join(pkgDir, '../../models/ox');
const temp = mkdtempSync(join(tmpdir(), 'inkling-edge-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const MiB = 1024 * 1024;

/** A copy of the default model whose weights.bin is `bytes` long (sparse: no disk is used). */
function modelOfSize(bytes: number): string {
  const dir = mkdtempSync(join(temp, 'model-'));
  for (const f of ['model.json', 'card.json']) copyFileSync(join(defaultModel, f), join(dir, f));
  const fd = openSync(join(dir, 'weights.bin'), 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return dir;
}

const light: Measurement = {
  uploadBytes: 1.9 * MiB,
  gzipBytes: 0.6 * MiB,
  startupMs: 70,
  startupCpuMs: 60,
  warmUp: 'load',
  weights: 'resident',
  backend: 'wasm',
  firstRequestMs: 20,
  firstRequestCpuMs: 20,
  cpuMsPerRequest: 6,
  grossCpuMs: 9,
  overheadCpuMs: 3,
  inWorkerMsP50: 6,
  inWorkerMsP95: 12,
  wasmHeapBytes: 16 * MiB,
  jsPeakBytes: 20e6,
  peakMemoryBytes: 20e6 + 16 * MiB,
  requests: 20,
  correct: 25,
};

describe('the plan a Worker needs (workers-limits.mjs)', () => {
  it('is Workers Free when every free limit holds', () => {
    expect(planNeeded({ uploadBytes: light.uploadBytes, cpuMsPerRequest: 6, peakMemoryBytes: 40e6, startupMs: 70 }).plan?.id).toBe('free');
  });

  it('is Workers Paid when only the CPU per request is over the free 10 ms, naming the limit', () => {
    const { plan, problems } = planNeeded({ uploadBytes: 16 * MiB, cpuMsPerRequest: 900, peakMemoryBytes: 95e6, startupMs: 300 });
    expect(plan?.id).toBe('paid');
    expect(problems.free).toEqual(["CPU per request 900 ms is over Workers Free's 10 ms"]);
  });

  it('is no plan past the 64 MiB size, the 128 MB memory or the 1 s start-up', () => {
    expect(planNeeded({ uploadBytes: 65 * MiB }).plan).toBeNull();
    expect(planNeeded({ uploadBytes: MiB, peakMemoryBytes: 129e6 }).problems.paid).toEqual(["memory 129.0 MB is over Workers Paid's 128.0 MB"]);
    expect(planNeeded({ uploadBytes: MiB, startupMs: 1200 }).plan).toBeNull();
    expect(PLANS.map((p) => [p.id, p.workerSizeBytes / MiB, p.cpuMsPerRequest, p.memoryBytes, p.startupMs])).toEqual([
      ['free', 64, 10, 128e6, 1000],
      ['paid', 64, 300_000, 128e6, 1000],
    ]);
  });
});

describe('check-model-size', () => {
  it('lets the default model through on size, with the limit and its source', () => {
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs'), '--size-only'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/within the 64\.00 MiB Worker size limit of every plan \(limits: https:\/\/developers\.cloudflare\.com\/workers\/platform\/limits\/, read 2026-12-03\)/);
  });

  it('no longer refuses a model past the old 3 MiB free limit: 20 MiB fits every plan on size', () => {
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs'), '--size-only', '--model', modelOfSize(20 * MiB)], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/model 20\.\d\d MiB \+ code ~1\.75 MiB = 21\.\d\d MiB, within the 64\.00 MiB/);
  });

  it('refuses a model no plan can hold, naming its size and the limit, and exits non-zero', () => {
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs'), '--model', modelOfSize(63 * MiB)], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/too large for a Worker on any plan: model 63\.\d\d MiB \+ code ~1\.75 MiB = 64\.\d\d MiB, over the 64\.00 MiB Worker size limit \(uncompressed/);
  });

  it('counts the code too: a model that fits alone can still be refused', () => {
    expect(checkSize(modelOfSize(64 * MiB - CODE_BYTES - 10_000)).fits.map((p) => p.id)).toEqual(['free', 'paid']);
    expect(checkSize(modelOfSize(64 * MiB - CODE_BYTES + 10_000)).fits).toEqual([]);
  });

  it('passes a model that fits the free plan, warns naming Workers Paid when only it fits, refuses when none does', () => {
    expect(verdict(light)).toEqual({ code: 0, lines: ['plan: Workers Free (every limit of the free plan holds)'] });
    const vgg = verdict({ ...light, uploadBytes: 16 * MiB, cpuMsPerRequest: 1500, peakMemoryBytes: 90e6, warmUp: 'first-request', weights: 'streamed' });
    expect(vgg.code).toBe(0);
    expect(vgg.lines[0]).toMatch(/^warning: this model needs the Workers Paid plan \(CPU per request 1500 ms is over Workers Free's 10 ms\)/);
    const slow = verdict({ ...light, cpuMsPerRequest: 45_000 });
    expect(slow.lines[1]).toMatch(/set "limits": \{ "cpu_ms": 90000 \}/);
    expect(verdict({ ...light, startupMs: 1500, startupCpuMs: 1200 }).lines[0]).toMatch(/start-up 1200 ms is over Workers Free's 1000 ms/);
    const huge = verdict({ ...light, peakMemoryBytes: 200e6 });
    expect(huge.code).toBe(1);
    expect(huge.lines[0]).toMatch(/^no Workers plan allows this model: Workers Free: memory 200\.0 MB is over Workers Free's 128\.0 MB\. Workers Paid: memory 200\.0 MB/);
  });

  it('says so when there is no card', () => {
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs'), '--model', temp], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot read the model in .* \(card\.json and the files it names\)/);
  });
});

describe('wrangler configs', () => {
  it('reads JSONC without mangling URLs in strings', () => {
    expect(JSON.parse(stripJsonComments('{ // a comment\n "u": "http://x//y", /* block */ "n": 1 }'))).toEqual({ u: 'http://x//y', n: 1 });
  });

  it('the test Worker is the deployed Worker minus assets, alias and minify', () => {
    const deployed = readWranglerConfig(join(pkgDir, 'wrangler.jsonc'));
    const test = readWranglerConfig(join(pkgDir, 'wrangler.test.jsonc'));
    const { assets, alias, minify, dev, observability, ...shared } = deployed;
    expect(assets.directory).toBe('../web/dist');
    expect(alias['inkling-model']).toBe('./src/model/default-model.ts');
    expect(minify).toBe(true);
    expect(dev).toEqual({ ip: '127.0.0.1', port: 8787 });
    expect(observability).toEqual({ enabled: false });
    expect(test).toEqual(shared);
  });
});
