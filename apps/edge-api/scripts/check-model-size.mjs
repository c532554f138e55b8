#!/usr/bin/env node
// Refuses, before wrangler runs, a model too large for a Worker on the Workers free plan: the whole
// bundle (code + model.json + weights) must be at most 3 MiB after gzip. The model's share is what
// its card says (files.gzipBytes), measured here when the card does not say.
//   node scripts/check-model-size.mjs [--model <dir>]     (default: models/ox)
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Workers free plan: 3 MiB per Worker after compression (wrangler reports it in KiB/MiB). */
export const FREE_PLAN_LIMIT_BYTES = 3 * 1024 * 1024;
/**
 * The Worker without its model, gzip: Hono, tfjs core/converter/cpu/wasm glue and the 0.42 MB
 * SIMD .wasm, minified: 446 KiB measured (`node scripts/bundle-size.mjs`), rounded up for headroom.
 */
export const CODE_GZIP_BYTES = 512 * 1024;

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** The model's gzip size: the card's files.gzipBytes, else model.json and the weights gzipped here. */
export function modelGzipBytes(modelDir) {
  const card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
  const stated = card?.files?.gzipBytes;
  if (Number.isInteger(stated) && stated >= 0) return { bytes: stated, source: 'card.files.gzipBytes' };
  const files = [card?.files?.model ?? 'model.json', ...(card?.files?.weights ?? ['weights.bin'])];
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(modelDir, f)), { level: 9 }).length, 0);
  return { bytes, source: `gzip of ${files.join(', ')}` };
}

/** Null when the model fits, otherwise the message that says by how much it does not. */
export function checkModelSize(modelDir, { limit = FREE_PLAN_LIMIT_BYTES, code = CODE_GZIP_BYTES } = {}) {
  const { bytes, source } = modelGzipBytes(modelDir);
  const total = bytes + code;
  const summary = `model ${mb(bytes)} gzip (${source}) + Worker code ~${mb(code)} = ${mb(total)}`;
  if (total <= limit) return { ok: true, summary: `${summary}, within the Workers free plan's ${mb(limit)} limit` };
  return {
    ok: false,
    summary:
      `the model in ${relative(process.cwd(), modelDir) || '.'} is too large for a Worker on the Workers free plan: ${summary}, ` +
      `over the limit of ${mb(limit)} (gzip). Quantize the weights (uint8 roughly quarters them), train a smaller input ` +
      `size, or serve the weights as static assets instead of bundling them.`,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { model: { type: 'string' } } });
  const modelDir = resolve(values.model ?? join(pkgDir, '../../models/ox'));
  let result;
  try {
    result = checkModelSize(modelDir);
  } catch (err) {
    console.error(`check-model-size: cannot read the model card in ${modelDir}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  if (!result.ok) {
    console.error(`check-model-size: ${result.summary}`);
    process.exit(1);
  }
  console.log(`check-model-size: ${result.summary}`);
}
