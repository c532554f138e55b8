import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultModelInput, shapeName, type Shape3 } from './model-input.js';
import type { CaseResult, CaseSpec } from './run-case.js';
import { formatRate, formatTable } from './stats.js';
import type { Vgg16BenchResult } from './vgg16.js';

/**
 * `npm run bench -w packages/train`: training and inference images/s of LeNet at 150×150×3 and at the
 * default model's input, per backend configuration, each in its own process, then the same network
 * in PyTorch when Debian's python3-torch is installed. Options: --steps N (timed steps, default 7),
 * --warmup N (default 3: the first steps at 150×150×3 still fault in fresh WASM heap pages), --only TEXT[,TEXT…] (runs the configurations whose names contain one, e.g.
 * `--only Inkling,pytorch`), --no-torch.
 */

const BIG: Shape3 = [150, 150, 3];
const BATCH = 32;
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RUN_CASE = fileURLToPath(new URL('./run-case.js', import.meta.url));
const VGG16_BENCH = fileURLToPath(new URL('./vgg16.js', import.meta.url));
/** VGG16 feature extraction on webgpu: one batch of 8 timed after one warm-up (about 7 GMACs per image). */
const VGG16_WEBGPU_ARGS = ['--backend', 'webgpu', '--extraction-only', '--batches', '8', '--runs', '1', '--json'];
const TORCH_SCRIPT = fileURLToPath(new URL('../../src/bench/torch_lenet.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

interface Config {
  name: string;
  spec: Omit<CaseSpec, 'inputShape' | 'batch' | 'warmup' | 'steps'>;
  /** The cpu backend takes minutes per step at 150×150×3: small input only. */
  smallOnly?: boolean;
  /** Seconds per step: 1 warm-up and 3 timed steps keep the whole run within a few minutes. */
  slow?: boolean;
}

const CONFIGS: Config[] = [
  { name: 'cpu', spec: { backend: 'cpu' }, smallOnly: true, slow: true },
  { name: 'wasm stock+dW 1 thread', spec: { backend: 'wasm', threads: 1, fastKernels: false }, slow: true },
  { name: 'wasm stock+dW 2 threads', spec: { backend: 'wasm', threads: 2, fastKernels: false }, slow: true },
  { name: 'wasm Inkling 1 thread', spec: { backend: 'wasm', threads: 1, fastKernels: true } },
  { name: 'wasm Inkling 2 threads', spec: { backend: 'wasm', threads: 2, fastKernels: true } },
  // Data-parallel training (`inkling train --workers 2`): the main engine and one worker thread, 1 WASM thread each.
  { name: 'wasm Inkling 1 thread, 2 workers', spec: { backend: 'wasm', threads: 1, fastKernels: true, workers: 2 } },
  // Dawn's adapter (the backend column names it). Without a GPU, run the bench under
  // VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json to measure SwiftShader: slow, so "slow".
  { name: 'webgpu', spec: { backend: 'webgpu' }, slow: true },
];

interface Row {
  name: string;
  shape: Shape3;
  train: number | null;
  infer: number | null;
  note?: string;
}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { steps: { type: 'string', default: '7' }, warmup: { type: 'string', default: '3' }, only: { type: 'string' }, 'no-torch': { type: 'boolean', default: false } },
  });
  const opts = { steps: Number(values.steps), warmup: Number(values.warmup), only: values.only?.split(',').map((s) => s.trim()) ?? null, torch: !values['no-torch'] };
  if (!(Number.isInteger(opts.steps) && opts.steps >= 1 && Number.isInteger(opts.warmup) && opts.warmup >= 0)) throw new Error('--steps must be a whole number ≥ 1 and --warmup one ≥ 0');
  return opts;
}

/** --only takes comma-separated pieces of configuration names ("Inkling", "cpu", "pytorch"). */
function selected(only: string[] | null, name: string): boolean {
  return !only || only.some((piece) => name.toLowerCase().includes(piece.toLowerCase()));
}

function runCaseProcess(spec: CaseSpec): CaseResult {
  const child = spawnSync(process.execPath, [RUN_CASE, JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`exit ${child.status}: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  }
  return JSON.parse(last) as CaseResult;
}

/** VGG16 feature-extraction images/s on webgpu at 150×150×3, in its own process. */
function runVgg16Webgpu(): { imagesPerSecond: number; backend: string } {
  const child = spawnSync(process.execPath, [VGG16_BENCH, ...VGG16_WEBGPU_ARGS], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`exit ${child.status}: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  const r = JSON.parse(last) as Vgg16BenchResult;
  return { imagesPerSecond: r.extraction[0]!.imagesPerSecond, backend: r.backend };
}

function torchAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

interface TorchRow {
  threads: number;
  memory_format: string;
  train_images_per_second: number;
  infer_images_per_second: number;
}

/**
 * glibc gives every large tensor its own mmap and unmaps it when freed, so PyTorch touches fresh
 * pages on every step; on these VMs a page fault costs tens of microseconds and that alone made
 * PyTorch 8× slower at 150×150×3 (9 instead of 81 img/s, 1 thread). Keeping freed memory in the
 * heap gives PyTorch its real speed (the WASM heap never returns memory, so wasm is not affected).
 */
const TORCH_ENV = { MALLOC_MMAP_MAX_: '0', MALLOC_TRIM_THRESHOLD_: String(2 ** 36) };

function runTorch(shape: Shape3, warmup: number, steps: number): TorchRow[] {
  const args = [TORCH_SCRIPT, ...shape.map(String), String(BATCH), String(warmup), String(steps), '1,2'];
  const out = execFileSync(PYTHON, args, { encoding: 'utf8', env: { ...process.env, ...TORCH_ENV } });
  return out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as TorchRow);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const small = defaultModelInput(`${ROOT}models/ox/card.json`);
  const shapes: Shape3[] = [BIG, small.shape];
  console.log(`LeNet, batch ${BATCH}, median of ${opts.steps} steps after ${opts.warmup} warm-up (cpu, stock wasm and webgpu: 3 after 1); default model input ${shapeName(small.shape)} (${small.from})`);
  const rows: Row[] = [];
  for (const config of CONFIGS) {
    if (!selected(opts.only, config.name)) continue;
    for (const shape of shapes) {
      if (config.smallOnly && shape === BIG) continue;
      const slow = config.slow === true;
      const spec: CaseSpec = { ...config.spec, inputShape: shape, batch: BATCH, warmup: slow ? 1 : opts.warmup, steps: slow ? 3 : opts.steps };
      process.stderr.write(`  ${config.name} at ${shapeName(shape)}…\n`);
      try {
        const r = runCaseProcess(spec);
        rows.push({ name: config.name, shape, train: r.trainImagesPerSecond, infer: r.inferImagesPerSecond, note: r.detail });
      } catch (err) {
        rows.push({ name: config.name, shape, train: null, infer: null, note: `failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }

  let vgg16Webgpu: string | null = null;
  if (selected(opts.only, 'webgpu')) {
    process.stderr.write('  webgpu VGG16 feature extraction at 150x150x3…\n');
    try {
      const r = runVgg16Webgpu();
      vgg16Webgpu = `VGG16 feature extraction (block1–5, 150x150x3, batch 8) on ${r.backend}: ${r.imagesPerSecond.toFixed(2)} images/s`;
    } catch (err) {
      vgg16Webgpu = `VGG16 feature extraction on webgpu: failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  const torchBest = new Map<string, number>();
  if (opts.torch && selected(opts.only, 'pytorch')) {
    if (torchAvailable()) {
      console.log(`PyTorch ${execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).trim()} runs with ${Object.entries(TORCH_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} (see BENCHMARKS.md)`);
      for (const shape of shapes) {
        process.stderr.write(`  pytorch at ${shapeName(shape)}…\n`);
        for (const t of runTorch(shape, opts.warmup, opts.steps)) {
          rows.push({ name: `pytorch ${t.threads} thread${t.threads > 1 ? 's' : ''} ${t.memory_format}`, shape, train: t.train_images_per_second, infer: t.infer_images_per_second });
          const key = shapeName(shape);
          torchBest.set(key, Math.max(torchBest.get(key) ?? 0, t.train_images_per_second));
        }
      }
    } else {
      console.log(`PyTorch: not measured (${PYTHON} cannot import torch; on Debian: apt-get install python3-torch)`);
    }
  }

  const bestInkling = new Map<string, number>();
  for (const r of rows) {
    if (r.name.startsWith('wasm Inkling') && r.train != null) bestInkling.set(shapeName(r.shape), Math.max(bestInkling.get(shapeName(r.shape)) ?? 0, r.train));
  }
  console.log('');
  console.log(
    formatTable(
      ['configuration', 'input', 'train img/s', 'infer img/s', 'train vs best PyTorch', 'backend'],
      rows.map((r) => {
        const torch = torchBest.get(shapeName(r.shape));
        const ratio = torch && r.train != null ? `${(r.train / torch).toFixed(2)}×` : '–';
        return [r.name, shapeName(r.shape), formatRate(r.train), formatRate(r.infer), ratio, r.note ?? ''];
      }),
    ),
  );
  for (const shape of shapes) {
    const key = shapeName(shape);
    const one = rows.find((r) => r.name === 'wasm Inkling 1 thread' && shapeName(r.shape) === key)?.train;
    const two = rows.find((r) => r.name === 'wasm Inkling 1 thread, 2 workers' && shapeName(r.shape) === key)?.train;
    if (one != null && two != null) console.log(`\n${key}: 2 workers train at ${(two / one).toFixed(2)}× 1 worker (${formatRate(two)} vs ${formatRate(one)} img/s)`);
  }
  for (const [shape, torch] of torchBest) {
    const ours = bestInkling.get(shape);
    if (ours != null) console.log(`\n${shape}: best wasm training ${formatRate(ours)} img/s = ${(ours / torch).toFixed(2)}× PyTorch's best CPU training (${formatRate(torch)} img/s)`);
    const gpu = rows.find((r) => r.name === 'webgpu' && shapeName(r.shape) === shape && r.train != null);
    if (gpu?.train != null) console.log(`${shape}: webgpu training ${formatRate(gpu.train)} img/s = ${(gpu.train / torch).toFixed(2)}× PyTorch's best CPU training`);
  }
  if (vgg16Webgpu) console.log(`\n${vgg16Webgpu}`);
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
