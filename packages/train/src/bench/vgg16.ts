import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BACKEND_CHOICES } from '../backend/choices.js';
import { selectBackend, type BackendChoice } from '../backend/index.js';
import { fileSizes, toGraphModel, type Quantization } from '../graph-export/index.js';
import { FeatureStore } from '../vgg16/feature-store.js';
import { layersUpTo, runLayers } from '../vgg16/features.js';
import { fitOnFeatures } from '../vgg16/fit-features.js';
import { upperModel } from '../vgg16/train-transfer.js';
import { buildTransferModel, compileForClasses, isBlock5, setBaseTrainable } from '../vgg16/transfer-model.js';
import { median } from './stats.js';

export interface BenchVgg16Options {
  backend?: BackendChoice;
  /** Input side (default 150: 150×150×3). */
  size?: number;
  /** Feature-extraction batch sizes (default 8 and 16). */
  batches?: number[];
  /** Timed feature-extraction batches per batch size (median taken; default 3) after one warm-up batch. */
  runs?: number;
  /** Cached images the head trains on (default 2,000). */
  headImages?: number;
  /** Timed head-training epochs (median taken; default 5) after one warm-up epoch. */
  headEpochs?: number;
  /** Images for the block5 fine-tuning step timing (default 32; 0 skips it). */
  fineTuneImages?: number;
  /** Also measure the exported model's size per quantization (default true; gzips ~59 MB three times). */
  sizes?: boolean;
  /** Feature extraction only (no head, fine-tuning or sizes): the slow-backend row of `npm run bench`. */
  extractionOnly?: boolean;
  log?: (line: string) => void;
}

export interface Vgg16BenchResult {
  backend: string;
  inputShape: [number, number, number];
  params: { total: number; trainable: number };
  extraction: { batch: number; imagesPerSecond: number; msPerImage: number }[];
  head: { images: number; batchSize: number; epochsPerSecond: number; imagesPerSecond: number } | null;
  fineTune: { images: number; batchSize: number; imagesPerSecond: number } | null;
  sizes: { quantization: Quantization; weightsBytes: number; gzipBytes: number }[];
}

/** Milliseconds of `fn`, reading the result back so the work is really done. */
async function timed(fn: () => tf.Tensor): Promise<number> {
  const start = performance.now();
  const y = fn();
  await y.data();
  const ms = performance.now() - start;
  y.dispose();
  return ms;
}

/** Per-epoch wall times of a fit, from epoch-begin and epoch-end callbacks. */
class EpochTimer extends tfl.Callback {
  readonly ms: number[] = [];
  private start = 0;
  override async onEpochBegin(): Promise<void> {
    this.start = performance.now();
  }
  override async onEpochEnd(): Promise<void> {
    this.ms.push(performance.now() - this.start);
  }
}

async function randomStore(shape: [number, number, number], images: number, seed: number): Promise<FeatureStore> {
  const store = new FeatureStore(shape, 1);
  const rowSize = shape.reduce((a, b) => a * b, 1);
  // Post-ReLU features: non-negative, mostly small. Read asynchronously: webgpu cannot read synchronously in Node.
  const relu = tf.tidy(() => tf.relu(tf.randomNormal([images, rowSize], 0, 2, 'float32', seed)));
  const features = (await relu.data()) as Float32Array;
  relu.dispose();
  const labels = Float32Array.from({ length: images }, (_, i) => i % 2);
  store.append(features, labels, images);
  return store;
}

/**
 * VGG16 transfer learning speed on this machine (random weights: the speed does not depend on them):
 * images/s of feature extraction through the full-width base, epochs/s of head training on cached
 * features of `headImages` images, images/s of a block5 fine-tuning step on cached block4 features,
 * and the exported model's size (what the card's files.gzipBytes will say).
 */
export async function benchVgg16(options: BenchVgg16Options = {}): Promise<Vgg16BenchResult> {
  const { backend = 'wasm', size = 150, batches = [8, 16], runs = 3, headImages = 2000, headEpochs = 5, extractionOnly = false, log = () => {} } = options;
  const fineTuneImages = extractionOnly ? 0 : (options.fineTuneImages ?? 32);
  const sizes = !extractionOnly && (options.sizes ?? true);
  const info = await selectBackend(backend);
  log(`backend: ${info.detail}`);
  const t = await buildTransferModel({ classes: 2, inputShape: [size, size, 3], seed: 1 });
  const params = { total: t.model.countParams(), trainable: t.head.countParams() };

  const extraction: Vgg16BenchResult['extraction'] = [];
  const upTo5 = layersUpTo(t.base, 'block5_pool');
  for (const batch of batches) {
    const x = tf.randomUniform([batch, size, size, 3], -120, 140, 'float32', 2) as tf.Tensor4D;
    await timed(() => runLayers(upTo5, x));
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push(await timed(() => runLayers(upTo5, x)));
    x.dispose();
    const perImage = median(ms) / batch;
    extraction.push({ batch, imagesPerSecond: 1000 / perImage, msPerImage: perImage });
    log(`feature extraction, batch ${batch}: ${(1000 / perImage).toFixed(2)} images/s (${perImage.toFixed(0)} ms/image)`);
  }

  let head: Vgg16BenchResult['head'] = null;
  if (!extractionOnly) {
    const headBatch = 32;
    const store = await randomStore(t.featureShape, headImages, 3);
    compileForClasses(t.head, 2, 1e-3);
    const timer = new EpochTimer();
    await fitOnFeatures(t.head, store, { epochs: headEpochs + 1, batchSize: headBatch, seed: 4, callbacks: [timer] });
    store.dispose();
    const epochMs = median(timer.ms.slice(1));
    head = { images: headImages, batchSize: headBatch, epochsPerSecond: 1000 / epochMs, imagesPerSecond: (headImages * 1000) / epochMs };
    log(`head training on ${headImages} cached images, batch ${headBatch}: ${head.epochsPerSecond.toFixed(2)} epochs/s (${head.imagesPerSecond.toFixed(0)} images/s)`);
  }

  let fineTune: Vgg16BenchResult['fineTune'] = null;
  if (fineTuneImages > 0) {
    setBaseTrainable(t.base, isBlock5);
    const upper = upperModel(t, 'block4_pool');
    compileForClasses(upper, 2, 1e-5);
    const shape = upper.inputs[0].shape.slice(1) as [number, number, number];
    const features = await randomStore(shape, fineTuneImages, 5);
    const ftTimer = new EpochTimer();
    const batchSize = Math.min(16, fineTuneImages);
    await fitOnFeatures(upper, features, { epochs: 2, batchSize, seed: 6, callbacks: [ftTimer] });
    features.dispose();
    fineTune = { images: fineTuneImages, batchSize, imagesPerSecond: (fineTuneImages * 1000) / (ftTimer.ms.at(-1) as number) };
    log(`block5 fine-tuning on cached block4 features, batch ${batchSize}: ${fineTune.imagesPerSecond.toFixed(2)} images/s`);
    setBaseTrainable(t.base, false);
  }

  const sizeRows: Vgg16BenchResult['sizes'] = [];
  if (sizes) {
    for (const quantize of ['none', 'float16', 'uint8'] as const) {
      const files = fileSizes(await toGraphModel(t.model, { quantize }));
      const weights = files.find((f) => f.name.endsWith('.bin'));
      sizeRows.push({ quantization: quantize, weightsBytes: files.reduce((n, f) => n + f.bytes, 0), gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0) });
      log(`exported graph model, quantization ${quantize}: ${(weights?.bytes ?? 0).toLocaleString('en-US')} bytes of weights, ${sizeRows.at(-1)?.gzipBytes.toLocaleString('en-US')} bytes gzipped in all`);
    }
  }
  t.model.dispose();
  return { backend: info.detail, inputShape: [size, size, 3], params, extraction, head, fineTune, sizes: sizeRows };
}

/** The result as Markdown, for BENCHMARKS.md. */
export function formatVgg16Bench(r: Vgg16BenchResult): string {
  const shape = r.inputShape.join('×');
  const lines = [
    `Backend: ${r.backend}; VGG16 transfer model at ${shape} (${r.params.total.toLocaleString('en-US')} parameters, ${r.params.trainable.toLocaleString('en-US')} trainable).`,
    '',
    '| what | batch | figure |',
    '| --- | ---: | ---: |',
    ...r.extraction.map((e) => `| feature extraction (base, block1–5), ${shape} | ${e.batch} | ${e.imagesPerSecond.toFixed(2)} images/s (${e.msPerImage.toFixed(0)} ms/image) |`),
    ...(r.head ? [`| head training on ${r.head.images.toLocaleString('en-US')} cached feature rows | ${r.head.batchSize} | ${r.head.epochsPerSecond.toFixed(2)} epochs/s (${r.head.imagesPerSecond.toFixed(0)} images/s) |`] : []),
    ...(r.fineTune ? [`| block5 fine-tuning step on cached block4 features | ${r.fineTune.batchSize} | ${r.fineTune.imagesPerSecond.toFixed(2)} images/s |`] : []),
  ];
  if (r.sizes.length > 0) {
    lines.push('', '| exported graph model | bytes | gzip bytes |', '| --- | ---: | ---: |', ...r.sizes.map((s) => `| ${s.quantization} | ${s.weightsBytes.toLocaleString('en-US')} | ${s.gzipBytes.toLocaleString('en-US')} |`));
  }
  return lines.join('\n');
}

// `node dist/bench/vgg16.js [--no-sizes] [--backend NAME] [--batches 8,16] [--runs N] [--extraction-only] [--json]`;
// INKLING_WASM_THREADS=2 for two WASM threads.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      'no-sizes': { type: 'boolean', default: false },
      backend: { type: 'string', default: 'wasm' },
      batches: { type: 'string' },
      runs: { type: 'string' },
      'extraction-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const backend = values.backend as BackendChoice;
  if (!BACKEND_CHOICES.includes(backend)) throw new Error(`--backend must be one of ${BACKEND_CHOICES.join(', ')}, not "${values.backend}"`);
  const batches = values.batches?.split(',').map(Number);
  if (batches && !batches.every((b) => Number.isInteger(b) && b >= 1)) throw new Error(`--batches takes whole numbers ≥ 1 separated by commas, not "${values.batches}"`);
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be a whole number ≥ 1, not "${values.runs}"`);
  const result = await benchVgg16({
    backend,
    ...(batches ? { batches } : {}),
    ...(runs ? { runs } : {}),
    extractionOnly: values['extraction-only'],
    sizes: !values['no-sizes'],
    log: (line) => console.error(line),
  });
  console.log(values.json ? JSON.stringify(result) : formatVgg16Bench(result));
}
