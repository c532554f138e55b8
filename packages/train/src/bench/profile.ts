import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { lenet } from '@inkling/core/architectures';
import { selectBackend } from '../backend/index.js';
import { formatTable } from './stats.js';
import type { Shape3 } from './model-input.js';

/**
 * Per-kernel time of a LeNet training step (trainOnBatch, batch 32) on wasm:
 *   node dist/bench/profile.js [HxWxC] [--threads N] [--stock] [--steps N] [--by-shape]
 * Times are exclusive (a kernel built from other kernels is charged only for its own work) and
 * averaged over the steps after three warm-up steps. Both wall-clock and this process's CPU time are shown:
 * on a shared machine CPU time is the steadier of the two (for 1 thread).
 */

interface Totals {
  calls: number;
  wallMs: number;
  cpuMs: number;
  shapes: Set<string>;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wraps every wasm kernel so that its exclusive wall and CPU time are added to `totals`. */
function instrumentWasmKernels(totals: Map<string, Totals>, byShape: boolean): void {
  let childWall = 0;
  let childCpu = 0;
  for (const config of tf.getKernelsForBackend('wasm')) {
    const inner: KernelFunc = config.kernelFunc;
    const timed: KernelFunc = (args) => {
      const [savedWall, savedCpu] = [childWall, childCpu];
      childWall = 0;
      childCpu = 0;
      const wall0 = performance.now();
      const cpu0 = cpuNow();
      try {
        return inner(args);
      } finally {
        const wall = performance.now() - wall0;
        const cpu = cpuNow() - cpu0;
        const shapes = Object.values(args.inputs).map((i) => `[${i?.shape.join(',')}]`).join('');
        const key = byShape ? `${config.kernelName} ${shapes}` : config.kernelName;
        const t = totals.get(key) ?? { calls: 0, wallMs: 0, cpuMs: 0, shapes: new Set<string>() };
        t.calls++;
        t.wallMs += wall - childWall;
        t.cpuMs += cpu - childCpu;
        t.shapes.add(shapes);
        totals.set(key, t);
        childWall = savedWall + wall;
        childCpu = savedCpu + cpu;
      }
    };
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({ ...config, kernelFunc: timed });
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { threads: { type: 'string', default: '1' }, steps: { type: 'string', default: '3' }, stock: { type: 'boolean', default: false }, 'by-shape': { type: 'boolean', default: false } },
  });
  const shapeText = positionals[0] ?? '150x150x3';
  if (!/^\d+x\d+x\d+$/.test(shapeText)) throw new Error(`the input shape must look like 150x150x3, got "${shapeText}"`);
  const shape = shapeText.split('x').map(Number) as Shape3;
  const threads = Number(values.threads);
  const steps = Number(values.steps);
  const info = await selectBackend('wasm', { threads, fastKernels: !values.stock });
  const model = lenet({ inputShape: shape, seed: 1 });
  model.compile({ optimizer: tf.train.adam(), loss: 'binaryCrossentropy' });
  const x = tf.randomUniform([32, ...shape], 0, 1, 'float32', 1);
  const y = tf.tensor2d(Array.from({ length: 32 }, (_, i) => [i % 2]), [32, 1]);
  // Warm-up: the first steps fault in fresh WASM heap pages (and V8 tiers up the hot functions).
  for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
  const totals = new Map<string, Totals>();
  instrumentWasmKernels(totals, values['by-shape']);
  const wall0 = performance.now();
  const cpu0 = cpuNow();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const stepWall = (performance.now() - wall0) / steps;
  const stepCpu = (cpuNow() - cpu0) / steps;
  const rows = [...totals].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
  const kernelWall = rows.reduce((s, [, t]) => s + t.wallMs, 0) / steps;
  console.log(`${info.detail}, LeNet ${shape.join('x')}, batch 32: ${stepWall.toFixed(0)} ms per step wall (${(32000 / stepWall).toFixed(1)} img/s), ${stepCpu.toFixed(0)} ms CPU; kernels ${kernelWall.toFixed(0)} ms wall`);
  console.log(
    formatTable(
      ['kernel', 'calls/step', 'wall ms/step', 'cpu ms/step', 'input shapes'],
      rows.slice(0, 30).map(([name, t]) => [name, String(t.calls / steps), (t.wallMs / steps).toFixed(1), (t.cpuMs / steps).toFixed(1), [...t.shapes].slice(0, 3).join(' ')]),
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
