#!/usr/bin/env node
// Makes VGG16 transfer models to serve at the edge, without the real 58 MB ImageNet file (which
// cannot be fetched here): a VGG16 base in the official Keras layout with seeded random weights,
// written by the HDF5 writer the vgg16 tests use (@inkling/train/testing), a small generated O/X
// set, `inkling train --model vgg16 --weights FILE`, then `inkling export --quantize <mode>` per mode.
//   node test/scripts/make-vgg16-models.mjs --out DIR [--width-divisor 1] [--image-size 150]
//        [--count 24] [--quantize float16,uint8] [--seed 7]
// Writes DIR/vgg16_notop.h5, DIR/data, DIR/runs/<run>, DIR/graph-<mode>/ (model.json, weights.bin,
// card.json) and prints the graph folders. The full-size model (divisor 1) needs the CLI only; a
// narrow one (divisor > 1) is trained through the library's train(), since the CLI has no flag for it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { vgg16Base } from '@inkling/core/architectures';
import { selectBackend, train, trainConfigSchema, vgg16PreprocessSpec } from '@inkling/train';
import { kerasLayersOf, writeKerasH5 } from '@inkling/train/testing';

const repo = resolve(import.meta.dirname, '../..');
const inklingBin = join(repo, 'packages/train/bin/inkling.js');

function inkling(args, cwd) {
  execFileSync(process.execPath, [inklingBin, ...args], { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
}

/** Makes the weights file, the data, one run and its exports; returns { h5, run, models: { mode: dir } }. */
export async function makeVgg16Models({ out, widthDivisor = 1, imageSize = 150, count = 24, quantize = ['float16', 'uint8'], seed = 7, log = console.log }) {
  out = resolve(out);
  mkdirSync(out, { recursive: true });
  const h5 = join(out, widthDivisor === 1 ? 'vgg16_notop.h5' : `vgg16_notop_div${widthDivisor}.h5`);
  if (!existsSync(h5)) {
    await selectBackend('wasm');
    const base = vgg16Base({ inputShape: [imageSize, imageSize, 3], widthDivisor, seed });
    log(`weights: VGG16 base ${imageSize}x${imageSize}x3, width / ${widthDivisor}, ${base.countParams().toLocaleString('en')} parameters, seeded random -> ${h5}`);
    await writeKerasH5(`${h5}.tmp`, kerasLayersOf(base));
    base.dispose();
    (await import('node:fs')).renameSync(`${h5}.tmp`, h5);
  }
  const data = join(out, 'data');
  if (!existsSync(data)) inkling(['dataset', '--out', data, '--count', String(count), '--seed', String(seed), '--examples', '1'], out);
  const runs = join(out, 'runs');
  if (!existsSync(runs) || readdirSync(runs).length === 0) {
    if (widthDivisor === 1) {
      inkling(['train', '--model', 'vgg16', '--weights', h5, '--data', data, '--image-size', String(imageSize), '--epochs', '1', '--batch-size', '8', '--backend', 'wasm', '--seed', String(seed), '--out', runs], out);
    } else {
      await selectBackend('wasm');
      const config = trainConfigSchema.parse({
        data,
        model: 'vgg16',
        epochs: 1,
        batchSize: 8,
        backend: 'wasm',
        seed,
        learningRate: 3e-3,
        preprocess: vgg16PreprocessSpec(imageSize),
        augment: {},
        vgg16: { weights: h5, widthDivisor },
      });
      await train({ config, out: runs });
    }
  }
  const [run] = readdirSync(runs).map((r) => join(runs, r));
  const models = {};
  for (const mode of quantize) {
    const dir = join(out, `graph-${mode}`);
    if (!existsSync(join(dir, 'card.json'))) inkling(['export', '--run', run, '--out', dir, '--quantize', mode, '--backend', 'wasm'], out);
    models[mode] = dir;
  }
  return { h5, run, models };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'width-divisor': { type: 'string', default: '1' },
      'image-size': { type: 'string', default: '150' },
      count: { type: 'string', default: '24' },
      quantize: { type: 'string', default: 'float16,uint8' },
      seed: { type: 'string', default: '7' },
    },
  });
  if (!values.out) {
    console.error('make-vgg16-models: --out DIR is required');
    process.exit(1);
  }
  const t0 = performance.now();
  const { models } = await makeVgg16Models({
    out: values.out,
    widthDivisor: Number(values['width-divisor']),
    imageSize: Number(values['image-size']),
    count: Number(values.count),
    quantize: values.quantize.split(','),
    seed: Number(values.seed),
  });
  for (const [mode, dir] of Object.entries(models)) console.log(`${mode}: ${dir}`);
  console.log(`made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
