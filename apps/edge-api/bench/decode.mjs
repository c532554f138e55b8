#!/usr/bin/env node
// npm run bench:decode -w apps/edge-api
// How fast the one decoder (core's decodeImage: fast-png, jpeg-js, EXIF orientation) is where it runs:
// inside workerd (a throwaway Worker, bench/decode-worker.ts, started with wrangler's unstable_dev) and
// in Node, where training, evaluate and predict call it; next to sharp (libvips, libjpeg-turbo, libspng),
// which training used before. Prints one table of milliseconds per image (median of 3 rounds), then,
// with --data (default: $INKLING_REAL_OX), the time to decode a whole training folder both ways.
//   node bench/decode.mjs [--max-side 2400] [--data <folder of class folders>]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImage } from '@inkling/core/decode';
import sharp from 'sharp';
import { unstable_dev } from 'wrangler';
import { mulberry32 } from '@inkling/core';
import { drawOX } from '@inkling/core/test-vectors';

const { values: flags } = parseArgs({ options: { 'max-side': { type: 'string', default: '2400' }, data: { type: 'string', default: process.env.INKLING_REAL_OX } } });
const MAX_SIDE = Number(flags['max-side']);

/** A drawing on paper; `photo` adds shading and sensor noise, as a phone picture of a page has. */
function picture(kind, size, { photo = false, transparent = false } = {}) {
  const img = drawOX(kind, { size, seed: 5, transparent, paper: photo ? [215, 208, 195] : [255, 255, 255] });
  if (photo) {
    const rand = mulberry32(size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const shade = 1 - 0.35 * ((x + y) / (2 * size));
        for (let c = 0; c < 3; c++) {
          const i = (y * size + x) * 4 + c;
          img.data[i] = img.data[i] * shade + (rand() - 0.5) * 10;
        }
      }
  }
  return sharp(Buffer.from(img.data.buffer), { raw: { width: size, height: size, channels: 4 } });
}

async function images() {
  const list = [
    ['canvas 300 px, PNG RGBA', picture('o', 300, { transparent: true }).png()],
    ['drawing 300 px, JPEG 4:2:0', picture('x', 300).flatten().jpeg({ quality: 85 })],
    ['photo 1000 px, PNG RGB', picture('o', 1000, { photo: true }).removeAlpha().png()],
    ['photo 1000 px, JPEG baseline 4:2:0', picture('o', 1000, { photo: true }).removeAlpha().jpeg({ quality: 85 })],
    ['photo 1000 px, JPEG baseline 4:4:4', picture('o', 1000, { photo: true }).removeAlpha().jpeg({ quality: 85, chromaSubsampling: '4:4:4' })],
    ['photo 1000 px, JPEG progressive 4:2:0', picture('o', 1000, { photo: true }).removeAlpha().jpeg({ quality: 85, progressive: true })],
    [`photo ${MAX_SIDE} px, JPEG 4:2:0, EXIF orientation 6`, picture('x', MAX_SIDE, { photo: true }).removeAlpha().withMetadata({ orientation: 6 }).jpeg({ quality: 85 })],
  ];
  return Promise.all(list.map(async ([name, encoder]) => ({ name, bytes: new Uint8Array(await encoder.toBuffer()) })));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds per call of `fn` (awaited), `n` calls a round, median of 3 rounds, after one warm-up call. */
async function perCall(fn, n) {
  await fn();
  const rounds = [];
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) await fn();
    rounds.push((performance.now() - start) / n);
  }
  return median(rounds);
}

const sharpDecode = (bytes) => sharp(bytes).autoOrient().ensureAlpha().raw().toBuffer();

const list = await images();
const worker = await unstable_dev(new URL('./decode-worker.ts', import.meta.url).pathname, {
  config: new URL('./decode-worker.jsonc', import.meta.url).pathname,
  experimental: { disableExperimentalWarning: true },
  logLevel: 'error',
});
const rows = [];
try {
  for (const { name, bytes } of list) {
    const nodeMs = await perCall(() => decodeImage(bytes), 1);
    const n = Math.max(3, Math.min(200, Math.ceil(600 / Math.max(nodeMs, 0.5))));
    const coreNode = await perCall(() => decodeImage(bytes), n);
    const sharpNode = await perCall(() => sharpDecode(bytes), n);
    const rounds = [];
    for (let r = 0; r < 3; r++) {
      const res = await worker.fetch(`/?n=${n}`, { method: 'POST', body: bytes });
      if (!res.ok) throw new Error(`the bench Worker answered ${res.status}: ${await res.text()}`);
      rounds.push((await res.json()).ms / n);
    }
    rows.push({ name, kb: bytes.length / 1024, workerd: median(rounds), coreNode, sharpNode, n });
  }
} finally {
  await worker.stop();
}

const f = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
console.log(`Node ${process.version}, ${new Date().toISOString()}; ms per image, median of 3 rounds (workerd's clock: 1 ms over the round)`);
console.log('| image | KiB | core decodeImage in workerd (edge) | core decodeImage in Node (training) | sharp in Node (before) | core / sharp |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.kb.toFixed(0)} | ${f(r.workerd)} | ${f(r.coreNode)} | ${f(r.sharpNode)} | ${(r.coreNode / r.sharpNode).toFixed(1)}× |`);

if (flags.data) {
  const files = readdirSync(flags.data, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(png|jpe?g)$/i.test(e.name))
    .map((e) => new Uint8Array(readFileSync(join(e.parentPath ?? e.path, e.name))));
  const all = async (decode) => {
    for (const bytes of files) await decode(bytes);
  };
  const coreMs = await perCall(() => all((b) => decodeImage(b)), 1);
  const sharpMs = await perCall(() => all(sharpDecode), 1);
  // flow-from-directory loads a batch with Promise.all, which lets sharp use its threads.
  const sharpParallelMs = await perCall(() => Promise.all(files.map(sharpDecode)), 1);
  console.log(`\ntraining folder ${flags.data}: ${files.length} PNG/JPEG files, decoded once per run (later epochs use the preprocessed cache)`);
  console.log(`core decodeImage ${f(coreMs)} ms (${f(coreMs / files.length)} ms/image); sharp ${f(sharpMs)} ms one by one, ${f(sharpParallelMs)} ms all at once`);
}
