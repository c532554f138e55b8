#!/usr/bin/env node
// npm run bench -w apps/edge-api
// Starts `wrangler dev` (own process group, killed afterwards) and measures the Worker from
// loopback: cold start, warm latency sequentially and with 8 concurrent clients, requests/s, the
// in-worker time per step (Server-Timing), errors, and the bundle size wrangler would upload. Then
// the plan table: for the shipped model and the VGG16 transfer model (float16 and uint8 exports of a
// full-size VGG16, made by test/scripts/make-vgg16-models.mjs), size, start-up, CPU per request,
// memory and the Workers plan each needs (scripts/measure-worker.mjs, scripts/workers-limits.mjs).
//   node bench/run.mjs [--requests 200] [--clients 8] [--cold-runs 3] [--port 0 = any free port] [--model <dir>]
//                      [--plan-requests 10] [--vgg16-dir <dir>, default .tmp/vgg16 at the repository root] [--no-vgg16]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { measureBundle } from '../scripts/bundle-size.mjs';
import { startDevServer } from '../scripts/dev-server.mjs';
import { verdict } from '../scripts/check-model-size.mjs';
import { measureWorker } from '../scripts/measure-worker.mjs';
import { drawOX } from '@inkling/core/test-vectors';
import { LIMITS_SOURCE } from '../scripts/workers-limits.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const REQUESTS = Number(arg('--requests', 200));
const CLIENTS = Number(arg('--clients', 8));
const COLD_RUNS = Number(arg('--cold-runs', 3));
const PORT = Number(arg('--port', 0));
const MODEL = arg('--model', undefined);
const PLAN_REQUESTS = Number(arg('--plan-requests', 10));
const VGG16_DIR = resolve(arg('--vgg16-dir', join(repo, '.tmp/vgg16')));
const WITH_VGG16 = !args.includes('--no-vgg16');

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

/** The bench's requests: 300 px drawings of O and X as PNG, JPEG and canvas JSON. */
function makeBodies() {
  const bodies = [];
  for (const kind of ['o', 'x']) {
    for (const seed of [11, 12]) {
      const img = drawOX(kind, { size: 300, seed });
      const rgb = new Uint8Array((img.data.length / 4) * 3);
      for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) rgb.set(img.data.subarray(i, i + 3), j);
      const canvas = drawOX(kind, { size: 300, seed, transparent: true });
      bodies.push({ kind, format: 'png', type: 'image/png', body: encodePng({ width: 300, height: 300, data: rgb, channels: 3, depth: 8 }) });
      bodies.push({ kind, format: 'jpeg', type: 'image/jpeg', body: jpeg.encode({ width: 300, height: 300, data: Buffer.from(img.data.buffer) }, 90).data });
      bodies.push({
        kind,
        format: 'json',
        type: 'application/json',
        body: JSON.stringify({ width: 300, height: 300, rgba: Buffer.from(canvas.data.buffer).toString('base64') }),
      });
    }
  }
  return bodies;
}

function parseServerTiming(header) {
  const out = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

async function classify(url, item) {
  const t0 = performance.now();
  const res = await fetch(`${url}/classify`, { method: 'POST', body: item.body, headers: { 'Content-Type': item.type } });
  const json = await res.json().catch(() => null);
  const ms = performance.now() - t0;
  const timing = parseServerTiming(res.headers.get('Server-Timing'));
  const ok = res.status === 200 && json?.label === item.kind;
  return { ms, ok, status: res.status, label: json?.label, backend: json?.backend, timing };
}

function summarize(name, results, wallMs) {
  const ms = results.map((r) => r.ms);
  const step = (k) => quantile(results.map((r) => r.timing[k] ?? NaN).filter(Number.isFinite), 0.5);
  const cpu = results.map((r) => (r.timing.read ?? 0) + (r.timing.decode ?? 0) + (r.timing.preprocess ?? 0) + (r.timing.infer ?? 0));
  return {
    name,
    requests: results.length,
    errors: results.filter((r) => !r.ok).length,
    p50: quantile(ms, 0.5),
    p95: quantile(ms, 0.95),
    rps: (results.length / wallMs) * 1000,
    inWorkerP50: quantile(cpu, 0.5),
    inWorkerP95: quantile(cpu, 0.95),
    decodeP50: step('decode'),
    preprocessP50: step('preprocess'),
    inferP50: step('infer'),
    inferP95: quantile(results.map((r) => r.timing.infer ?? NaN).filter(Number.isFinite), 0.95),
  };
}

async function sequential(url, items, n) {
  const results = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) results.push(await classify(url, items[i % items.length]));
  return { results, wallMs: performance.now() - t0 };
}

async function concurrent(url, items, n, clients) {
  const results = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) {
        const i = next++;
        results.push(await classify(url, items[i % items.length]));
      }
    }),
  );
  return { results, wallMs: performance.now() - t0 };
}

const bodies = makeBodies();
const pngs = bodies.filter((b) => b.format === 'png');

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1/5/15 min) on ${(await import('node:os')).cpus().length} cores`);
console.log(`edge-api bench: ${REQUESTS} requests per run, ${CLIENTS} concurrent clients, ${COLD_RUNS} cold starts, 300 px drawings`);
const bundle = measureBundle({ modelDir: MODEL, name: 'bench-bundle' });
console.log(`bundle: ${(bundle.rawBytes / 1024).toFixed(0)} KiB, gzip ${(bundle.gzipBytes / 1024).toFixed(0)} KiB (${(bundle.gzipBytes / 1024 / 1024).toFixed(2)} MiB; wrangler says ${bundle.wranglerSays})`);

const cold = [];
for (let run = 0; run < COLD_RUNS; run++) {
  const server = await startDevServer({ modelDir: MODEL, port: PORT, assets: false });
  try {
    const first = await classify(server.url, pngs[0]);
    cold.push({ readyMs: server.readyMs, firstMs: first.ms, ok: first.ok });
  } finally {
    await server.stop();
  }
}
for (const c of cold) console.log(`cold: wrangler dev ready (GET /health answers) after ${f1(c.readyMs)} ms; first POST /classify ${f1(c.firstMs)} ms${c.ok ? '' : ' (WRONG ANSWER)'}`);

const server = await startDevServer({ modelDir: MODEL, port: PORT, assets: false });
const rows = [];
let backend;
try {
  // Warm-up, not counted: the JIT and the connection pool.
  for (const item of bodies) backend = (await classify(server.url, item)).backend;
  for (const format of ['png', 'jpeg', 'json']) {
    const items = bodies.filter((b) => b.format === format);
    const { results, wallMs } = await sequential(server.url, items, REQUESTS);
    rows.push(summarize(`sequential ${format}`, results, wallMs));
  }
  const { results, wallMs } = await concurrent(server.url, pngs, REQUESTS * 2, CLIENTS);
  rows.push(summarize(`${CLIENTS} clients png`, results, wallMs));
} finally {
  await server.stop();
}

console.log(`backend: ${backend}`);
console.log('| run | requests | errors | p50 ms | p95 ms | req/s | in-worker p50/p95 ms | decode p50 | preprocess p50 | infer p50/p95 |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.requests} | ${r.errors} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.rps)} | ${f1(r.inWorkerP50)} / ${f1(r.inWorkerP95)} | ${f1(r.decodeP50)} | ${f1(r.preprocessP50)} | ${f1(r.inferP50)} / ${f1(r.inferP95)} |`,
  );
}
let errors = rows.reduce((s, r) => s + r.errors, 0) + cold.filter((c) => !c.ok).length;
const targets = [
  [`in-worker time per request p50 ≤ 10 ms (sequential png)`, rows[0].inWorkerP50 <= 10],
  [`bundle ≤ 1 MiB gzip`, bundle.gzipBytes <= 1024 * 1024],
  [`0 errors under load`, errors === 0],
];
for (const [what, ok] of targets) console.log(`${ok ? 'met' : 'MISSED'}: ${what}`);

// The plan table: each model measured in a fresh workerd (start-up, CPU, memory) and its plan.
const models = [{ name: MODEL ? `--model ${MODEL}` : 'models/ox (shipped, LeNet 32×32×1)', dir: MODEL }];
if (WITH_VGG16) {
  if (!existsSync(join(VGG16_DIR, 'graph-uint8', 'card.json')) || !existsSync(join(VGG16_DIR, 'graph-float16', 'card.json'))) {
    console.log(`making the VGG16 transfer models in ${VGG16_DIR} (once; about 2 min): test/scripts/make-vgg16-models.mjs`);
    execFileSync(process.execPath, [join(repo, 'test/scripts/make-vgg16-models.mjs'), '--out', VGG16_DIR], { cwd: join(repo, 'test'), stdio: ['ignore', 'ignore', 'inherit'] });
  }
  for (const mode of ['float16', 'uint8']) models.push({ name: `VGG16 transfer 150×150×3, ${mode}`, dir: join(VGG16_DIR, `graph-${mode}`) });
  // For comparison: the same model with every weight resident, as the Worker would hold it unstreamed.
  models.push({ name: 'VGG16 transfer 150×150×3, uint8, all weights resident (comparison, not served so)', dir: join(VGG16_DIR, 'graph-uint8'), residentBudgetBytes: 1e9 });
}
const mib = (b) => (b / 1024 / 1024).toFixed(2);
const mb = (b) => (b / 1e6).toFixed(1);
const planRows = [];
for (const model of models) {
  try {
    const m = { ...(await measureWorker({ modelDir: model.dir, requests: PLAN_REQUESTS, residentBudgetBytes: model.residentBudgetBytes })), loadAverage: loadavg()[0] };
    const v = verdict(m);
    const plan = v.code === 1 ? 'none' : /Workers Paid/.test(v.lines[0]) ? 'Workers Paid' : 'Workers Free';
    planRows.push({ model, m, plan });
  } catch (err) {
    console.error(`plan row for ${model.name} FAILED: ${err instanceof Error ? err.message : String(err)}`);
    errors++;
  }
}
console.log(`\nplans (limits: ${LIMITS_SOURCE.url}, read ${LIMITS_SOURCE.read}; ${PLAN_REQUESTS} requests of 300 px PNG drawings each, after 1 + 8 untimed; load average now ${loadavg()[0].toFixed(1)})`);
console.log('| model | upload MiB (gzip) | start-up ms (CPU ms) | warm-up | CPU ms/request (workerd − refused) | in-worker p50/p95 ms | first request CPU ms | WASM heap MB | JS heap+buffers peak MB | peak memory MB | plan |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const { model, m, plan } of planRows) {
  console.log(
    `| ${model.name} | ${mib(m.uploadBytes)} (${mib(m.gzipBytes)}) | ${Math.round(m.startupMs)} (${m.startupCpuMs}) | ${m.warmUp === 'load' ? 'at load' : 'first request'} | ${m.cpuMsPerRequest.toFixed(1)} (${m.grossCpuMs.toFixed(1)} − ${m.overheadCpuMs.toFixed(1)}) | ${m.inWorkerMsP50} / ${m.inWorkerMsP95} | ${m.firstRequestCpuMs} | ${mb(m.wasmHeapBytes)} | ${mb(m.jsPeakBytes)} | ${mb(m.peakMemoryBytes)} | ${plan} |`,
  );
}
process.exit(errors === 0 ? 0 : 1);
