import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lenet } from '@inkling/core/architectures';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend, type BackendChoice } from '../backend/index.js';
import { fileSizes, graphModelArtifacts, toGraphModel, type Quantization } from '../graph-export/index.js';

type Shape = [number, number, number];

export interface GraphVsLayersRow {
  /** e.g. "LeNet 150x150x3". */
  model: string;
  inputShape: Shape;
  batch: number;
  /** Median milliseconds per image (a batch's time divided by its size). */
  layersMs: number;
  graphMs: number;
  /** layersMs / graphMs: above 1 the graph model is faster. */
  speedup: number;
}

export interface GraphVsLayersResult {
  backend: string;
  runs: number;
  warmup: number;
  rows: GraphVsLayersRow[];
}

export interface BenchGraphVsLayersOptions {
  /** Default wasm: the backend the edge and the page run graph models on. */
  backend?: BackendChoice;
  /** Timed runs per case (median taken). */
  runs?: number;
  /** Untimed runs first (kernel set-up, caches). */
  warmup?: number;
  /** Input shapes; default 150x150x3 (the seed's) and the default model's (models/ox/card.json, else 48x48x1). */
  shapes?: Shape[];
  batches?: number[];
  log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The shipped default model's input shape, from models/ox/card.json when it is there. */
export function defaultModelShape(): Shape {
  const path = `${ROOT}models/ox/card.json`;
  if (existsSync(path)) {
    const shape = (JSON.parse(readFileSync(path, 'utf8')) as { input?: { shape?: unknown } }).input?.shape;
    if (Array.isArray(shape) && shape.length === 3 && shape.every((d) => Number.isInteger(d) && d > 0)) return shape as Shape;
  }
  return [48, 48, 1];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds for one call of `predict` on `x`, reading the result back (so the work is really done). */
async function once(predict: (x: tf.Tensor4D) => tf.Tensor, x: tf.Tensor4D): Promise<number> {
  const start = performance.now();
  const y = predict(x);
  await y.data();
  const ms = performance.now() - start;
  y.dispose();
  return ms;
}

/** Median ms of each predictor on `x`, their runs interleaved so that load on a shared machine hits both alike. */
async function timePair(a: (x: tf.Tensor4D) => tf.Tensor, b: (x: tf.Tensor4D) => tf.Tensor, x: tf.Tensor4D, warmup: number, runs: number): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await once(a, x);
    await once(b, x);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(await once(a, x));
    tb.push(await once(b, x));
  }
  return [median(ta), median(tb)];
}

/**
 * Inference time per image of the exported graph model against the layers model it came from, on
 * the same backend, batch 1 and batch 32: LeNet at 150x150x3 and at the default model's input.
 * Layers and graph runs alternate, so drift on a shared machine hits both alike.
 */
export async function benchGraphVsLayers(options: BenchGraphVsLayersOptions = {}): Promise<GraphVsLayersResult> {
  const { backend = 'wasm', runs = 15, warmup = 3, batches = [1, 32], log = () => {} } = options;
  const info = await selectBackend(backend);
  const shapes = options.shapes ?? [[150, 150, 3], defaultModelShape()];
  const rows: GraphVsLayersRow[] = [];
  for (const shape of shapes) {
    const model: tfl.LayersModel = lenet({ inputShape: shape, seed: 1 });
    const graph = await loadGraphModel(tf.io.fromMemory(graphModelArtifacts(await toGraphModel(model))));
    for (const batch of batches) {
      const x = tf.randomUniform([batch, ...shape], 0, 1, 'float32', 1) as tf.Tensor4D;
      const [layersTotal, graphTotal] = await timePair((t) => model.predict(t) as tf.Tensor, (t) => graph.predict(t) as tf.Tensor, x, warmup, runs);
      const [layersMs, graphMs] = [layersTotal / batch, graphTotal / batch];
      x.dispose();
      const row = { model: `LeNet ${shape.join('x')}`, inputShape: shape, batch, layersMs, graphMs, speedup: layersMs / graphMs };
      rows.push(row);
      log(`${row.model} batch ${batch}: layers ${layersMs.toFixed(3)} ms/image, graph ${graphMs.toFixed(3)} ms/image (x${row.speedup.toFixed(2)})`);
    }
    graph.dispose();
    model.dispose();
  }
  return { backend: info.detail, runs, warmup, rows };
}

/** The result as a Markdown table, for BENCHMARKS.md. */
export function formatGraphVsLayers(result: GraphVsLayersResult): string {
  const lines = [
    `Backend: ${result.backend}; median of ${result.runs} runs after ${result.warmup} warm-up runs; ms per image.`,
    '',
    '| model | batch | layers model | graph model | layers / graph |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...result.rows.map((r) => `| ${r.model} | ${r.batch} | ${r.layersMs.toFixed(3)} | ${r.graphMs.toFixed(3)} | ${r.speedup.toFixed(2)} |`),
  ];
  return lines.join('\n');
}

/**
 * The exported graph model's files for LeNet at each shape and quantization, as a Markdown table:
 * weights.bin and its gzip size (node:zlib, default level), and model.json.
 */
export async function lenetGraphSizes(shapes: Shape[] = [[150, 150, 3], defaultModelShape()]): Promise<string> {
  const lines = ['| model | quantization | weights.bin | gzip | model.json |', '| --- | --- | ---: | ---: | ---: |'];
  const n = (v: number) => v.toLocaleString('en-US');
  for (const shape of shapes) {
    const model = lenet({ inputShape: shape, seed: 1 });
    for (const quantize of ['none', 'float16', 'uint8'] as Quantization[]) {
      const [json, weights] = fileSizes(await toGraphModel(model, { quantize }));
      lines.push(`| LeNet ${shape.join('x')} | ${quantize} | ${n(weights.bytes)} | ${n(weights.gzipBytes)} | ${n(json.bytes)} |`);
    }
    model.dispose();
  }
  return lines.join('\n');
}

// `node dist/bench/graph-vs-layers.js`: the speed table, then the sizes table.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchGraphVsLayers({ log: (line) => console.error(line) });
  console.log(formatGraphVsLayers(result));
  console.log(`\n${await lenetGraphSizes()}`);
}
