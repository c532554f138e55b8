#!/usr/bin/env node
// Builds the Worker as `wrangler deploy` would upload it (--dry-run, nothing is sent) and measures
// it: the bytes of every uploaded module and their gzip size, which is what the plan limit counts.
//   node scripts/bundle-size.mjs [--model <dir>]
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeRunConfig } from './run-config.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** { rawBytes, gzipBytes, wranglerSays, files } for the Worker with the given model. */
export function measureBundle({ modelDir, name = 'bundle-size' } = {}) {
  const { path } = writeRunConfig({ modelDir, name, assets: false });
  const outdir = join(dirname(path), 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const run = spawnSync(resolve(pkgDir, '../../node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, '--config', path], {
    cwd: pkgDir,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  if (run.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${run.stdout}\n${run.stderr}`);
  const files = listFiles(outdir)
    .filter((f) => !f.endsWith('.map') && !f.endsWith('README.md'))
    .map((f) => {
      const bytes = readFileSync(f);
      return { file: f.slice(outdir.length + 1), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
  const wranglerSays = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(run.stdout + run.stderr);
  return {
    rawBytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    wranglerSays: wranglerSays ? `${wranglerSays[1]} / gzip: ${wranglerSays[2]}` : null,
    files,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { model: { type: 'string' } } });
  const r = measureBundle({ modelDir: values.model });
  for (const f of r.files) console.log(`${f.file.padEnd(60)} ${String(f.bytes).padStart(9)} B  gzip ${String(f.gzipBytes).padStart(9)} B`);
  console.log(`bundle: ${(r.rawBytes / 1024).toFixed(1)} KiB, gzip ${(r.gzipBytes / 1024).toFixed(1)} KiB (wrangler: ${r.wranglerSays ?? 'n/a'})`);
}
