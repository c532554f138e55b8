#!/usr/bin/env node
// Which Workers plan a model needs, before wrangler runs (`npm run build`, `npm run deploy`).
//   node scripts/check-model-size.mjs [--model <dir>] [--size-only] [--requests 20]   (default: models/ox)
// First the size: the model's files plus the Worker's code, against every plan's Worker size limit
// (uncompressed, see workers-limits.mjs). A model no plan can hold is refused at once. Then, unless
// --size-only, the Worker runs with the model in workerd (measure-worker.mjs): start-up, CPU per
// request, peak memory. It prints every figure with its limit and the plan the model needs; it exits
// 1 only when no plan allows the model, and warns (exit 0) when only Workers Paid does. Measurements
// are kept under .wrangler/measurements/ by the SHA-256 of the bundle, so an unchanged Worker is not
// measured twice.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBundle } from './bundle-size.mjs';
import { measureWorker } from './measure-worker.mjs';
import { LIMITS_SOURCE, PLANS, planNeeded } from './workers-limits.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultModelDir = resolve(pkgDir, '../../models/ox');

/**
 * The Worker without its model, uncompressed: Hono, tfjs core/converter/cpu/wasm glue (index.js,
 * 1.27 MiB minified, less the default model's JSON) and the 0.40 MiB SIMD .wasm: 1.64 MiB measured
 * with `node scripts/bundle-size.mjs`, rounded up.
 */
export const CODE_BYTES = 1.75 * 1024 * 1024;

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The model files the bundle carries: card.json, model.json and its weights files, with their sizes. */
export function modelFiles(modelDir) {
  const card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
  const names = ['card.json', card?.files?.model ?? 'model.json', ...(card?.files?.weights ?? ['weights.bin'])];
  return names.map((name) => ({ name, bytes: statSync(join(modelDir, name)).size }));
}

/** The size check alone (no wrangler): { uploadBytes, modelBytes, fits: plans whose size limit holds it }. */
export function checkSize(modelDir, { code = CODE_BYTES } = {}) {
  const modelBytes = modelFiles(modelDir).reduce((s, f) => s + f.bytes, 0);
  const uploadBytes = modelBytes + code;
  return { modelBytes, uploadBytes, fits: PLANS.filter((p) => uploadBytes <= p.workerSizeBytes) };
}

function cachedMeasurement(modelDir, requests, log) {
  const bundle = measureBundle({ modelDir, name: 'check-bundle' });
  const hash = createHash('sha256');
  for (const f of [...bundle.files].sort((a, b) => a.file.localeCompare(b.file))) {
    hash.update(f.file);
    hash.update(readFileSync(join(pkgDir, '.wrangler/run/check-bundle/dist', f.file)));
  }
  const dir = join(pkgDir, '.wrangler', 'measurements');
  const path = join(dir, `${hash.digest('hex').slice(0, 32)}-${requests}.json`);
  if (existsSync(path)) return { ...JSON.parse(readFileSync(path, 'utf8')), cached: true };
  return measureWorker({ modelDir, requests, log }).then((m) => {
    const saved = { ...m, measuredAt: new Date().toISOString(), loadAverage: loadavg()[0] };
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(saved, null, 2));
    renameSync(`${path}.tmp`, path);
    return { ...saved, cached: false };
  });
}

/** The report's lines for a measured Worker. */
export function describe(m) {
  const [free, paid] = PLANS;
  return [
    `Worker size  ${mib(m.uploadBytes)} uploaded (gzip ${mib(m.gzipBytes)}); limit ${mib(free.workerSizeBytes)} on both plans`,
    `start-up     ${m.startupCpuMs} ms CPU, ${Math.round(m.startupMs)} ms wall in the isolate (warm-up ${m.warmUp === 'load' ? 'at load' : 'on the first request'}); limit ${free.startupMs} ms on both plans`,
    `CPU/request  ${m.cpuMsPerRequest.toFixed(1)} ms (workerd CPU ${m.grossCpuMs?.toFixed(1)} less ${m.overheadCpuMs?.toFixed(1)} for a refused request; in-worker wall p50 ${m.inWorkerMsP50} ms, p95 ${m.inWorkerMsP95} ms; first request ${m.firstRequestCpuMs} ms CPU); limit ${free.name} ${free.cpuMsPerRequest} ms, ${paid.name} ${paid.cpuMsPerRequest / 60000} min (${paid.cpuMsDefault / 1000} s unless limits.cpu_ms)`,
    `memory       ${mb(m.peakMemoryBytes)} peak (JS heap and buffers ${mb(m.jsPeakBytes)}, WASM ${mb(m.wasmHeapBytes)}; weights ${m.weights}); limit ${mb(free.memoryBytes)} on both plans`,
    `measured     ${m.measuredAt?.slice(0, 16).replace('T', ' ') ?? 'now'} UTC${m.cached ? ' (kept for this exact bundle)' : ''}, load average ${m.loadAverage?.toFixed(1) ?? '?'}: CPU and times grow on a busy machine`,
  ];
}

/**
 * Exit code and message lines for a measured Worker: 0 fits a plan (warning when only Paid), 1 none.
 * Times are judged by CPU time (workerd's, from /proc), which a busy machine inflates far less than
 * wall time.
 */
export function verdict(m) {
  const { plan, problems } = planNeeded({ uploadBytes: m.uploadBytes, cpuMsPerRequest: m.cpuMsPerRequest, peakMemoryBytes: m.peakMemoryBytes, startupMs: m.startupCpuMs });
  if (!plan) return { code: 1, lines: [`no Workers plan allows this model: ${PLANS.map((p) => `${p.name}: ${problems[p.id].join('; ')}`).join('. ')}`] };
  if (plan.id === 'free') return { code: 0, lines: [`plan: ${plan.name} (every limit of the free plan holds)`] };
  const lines = [`warning: this model needs the ${plan.name} plan (${problems.free.join('; ')}). Deploy it on ${plan.name}, or make it smaller (inkling export --quantize uint8, a smaller input size).`];
  if (paidNeedsCpuMs(m)) lines.push(`warning: CPU per request is over ${PLANS[1].cpuMsDefault / 1000} s: set "limits": { "cpu_ms": ${Math.ceil((m.cpuMsPerRequest * 2) / 1000) * 1000} } in wrangler.jsonc`);
  return { code: 0, lines };
}

const paidNeedsCpuMs = (m) => m.cpuMsPerRequest > PLANS[1].cpuMsDefault;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { model: { type: 'string' }, 'size-only': { type: 'boolean', default: false }, requests: { type: 'string', default: '20' } } });
  const modelDir = resolve(values.model ?? defaultModelDir);
  const name = relative(process.cwd(), modelDir) || '.';
  const say = (line) => console.log(`check-model-size: ${line}`);
  let size;
  try {
    size = checkSize(modelDir);
  } catch (err) {
    console.error(`check-model-size: cannot read the model in ${modelDir} (card.json and the files it names): ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  if (size.fits.length === 0) {
    console.error(
      `check-model-size: the model in ${name} is too large for a Worker on any plan: model ${mib(size.modelBytes)} + code ~${mib(CODE_BYTES)} = ${mib(size.uploadBytes)}, ` +
        `over the ${mib(PLANS[0].workerSizeBytes)} Worker size limit (uncompressed; ${LIMITS_SOURCE.url}, read ${LIMITS_SOURCE.read}). ` +
        `Quantize the weights (inkling export --quantize uint8 roughly quarters them) or train a smaller model.`,
    );
    process.exit(1);
  }
  say(`${name}: model ${mib(size.modelBytes)} + code ~${mib(CODE_BYTES)} = ${mib(size.uploadBytes)}, within the ${mib(PLANS[0].workerSizeBytes)} Worker size limit of every plan (limits: ${LIMITS_SOURCE.url}, read ${LIMITS_SOURCE.read})`);
  if (values['size-only']) process.exit(0);
  let measured;
  try {
    measured = await cachedMeasurement(modelDir, Number(values.requests), (line) => say(line));
  } catch (err) {
    // Not a reason to refuse the model: only a limit no plan allows is.
    console.error(`check-model-size: warning: could not run the Worker with this model to measure it, so the plan it needs is unknown: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(0);
  }
  for (const line of describe(measured)) say(line);
  const { code, lines } = verdict(measured);
  for (const line of lines) (code === 0 ? console.log : console.error)(`check-model-size: ${line}`);
  process.exit(code);
}
