// The build and run scripts, in Node: the size check refuses a model too large for the free plan
// before wrangler runs, and the test Worker's config matches the deployed one.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModelSize, FREE_PLAN_LIMIT_BYTES } from './check-model-size.mjs';
import { readWranglerConfig, stripJsonComments } from './wrangler-config.mjs';

const pkgDir = join(import.meta.dirname, '..');
const defaultModel = join(pkgDir, '../../models/ox');
const temp = mkdtempSync(join(tmpdir(), 'inkling-edge-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the default model whose card claims `gzipBytes`. */
function modelClaiming(gzipBytes: number | undefined): string {
  const dir = mkdtempSync(join(temp, 'model-'));
  for (const f of ['model.json', 'weights.bin']) copyFileSync(join(defaultModel, f), join(dir, f));
  const card = JSON.parse(readFileSync(join(defaultModel, 'card.json'), 'utf8'));
  card.files.gzipBytes = gzipBytes;
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card));
  return dir;
}

describe('check-model-size', () => {
  it('lets the default model through', () => {
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/within the Workers free plan's 3.00 MiB limit/);
  });

  it('refuses a model too large for the free plan, naming its size and the limit, and exits non-zero', () => {
    const big = modelClaiming(2_900_000);
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs'), '--model', big], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/too large for a Worker on the Workers free plan: model 2\.77 MiB gzip \(card\.files\.gzipBytes\)/);
    expect(run.stderr).toMatch(/over the limit of 3\.00 MiB \(gzip\)/);
  });

  it('counts the code too: a model that fits alone can still be refused', () => {
    expect(checkModelSize(modelClaiming(FREE_PLAN_LIMIT_BYTES - 1000)).ok).toBe(false);
    expect(checkModelSize(modelClaiming(1000)).ok).toBe(true);
  });

  it('measures the model itself when the card does not say', () => {
    const result = checkModelSize(modelClaiming(undefined));
    expect(result.ok).toBe(true);
    expect(result.summary).toMatch(/gzip of model\.json, weights\.bin/);
  });

  it('says so when there is no card', () => {
    const run = spawnSync(process.execPath, [join(pkgDir, 'scripts/check-model-size.mjs'), '--model', temp], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot read the model card/);
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
