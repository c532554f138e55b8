#!/usr/bin/env node
// Development fixture only: a small LeNet graph model and card for the page while models/ox (the
// lead's trained model) does not exist yet. It is written to the git-ignored .fixture/models/ox and
// used when the build is run with INKLING_MODEL_DIR=.fixture/models/ox. It is never committed and never
// written into the repo's models/ox.
//
// The model is trained for a few seconds on synthetic mouse-like O and X strokes so that the page's
// end-to-end flow (draw O, read O) can be exercised; it is not a model anyone should ship.
//
// With --labels a,b,c (three or more classes, softmax) the model is untrained: the page's tests use it
// to show that labels, copy and colours come from the served card, not what it answers.
//
//   node scripts/make-fixture-model.mjs [--out .fixture/models/ox] [--epochs 2] [--untrained] [--labels o,x]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mulberry32, parseModelCard, preprocessToArray, sha256Hex } from '@inkling/core';
import { lenet } from '@inkling/core/architectures';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(here, '..', '.fixture', 'models', 'ox') },
    epochs: { type: 'string', default: '2' },
    untrained: { type: 'boolean', default: false },
    labels: { type: 'string', default: 'o,x' },
  },
});
const labels = values.labels.split(',').map((l) => l.trim()).filter(Boolean);
if (labels.length < 2 || new Set(labels).size !== labels.length) throw new Error(`--labels needs two or more different labels, got "${values.labels}"`);
const isOx = labels.join(',') === 'o,x';
if (!isOx && !values.untrained) throw new Error('only the o,x fixture is trained (on synthetic strokes); add --untrained for other labels');
const outDir = resolve(values.out);
// The exporter lives in the train package (apps never import it; this dev script is not app code).
const { toGraphModel, writeGraphModel } = await import(join(here, '..', '..', '..', 'packages', 'train', 'dist', 'graph-export', 'index.js'));

const PREPROCESS = {
  size: [32, 32],
  colorMode: 'grayscale',
  polarity: 'ink-bright',
  contrast: { method: 'stretch', floor: 0.2 },
  crop: { method: 'ink-bbox', margin: 0.15, square: true, ignoreEdgeLines: true },
  resize: 'area',
  rescale: 1 / 255,
};

function oStrokes(r) {
  const cx = 0.5 + (r() - 0.5) * 0.2, cy = 0.5 + (r() - 0.5) * 0.2;
  const rx = 0.2 + r() * 0.15, ry = 0.2 + r() * 0.15;
  const start = r() * Math.PI * 2, sweep = Math.PI * 2 * (0.9 + r() * 0.2);
  const pts = [];
  for (let i = 0; i <= 48; i++) {
    const a = start + (sweep * i) / 48;
    pts.push([cx + rx * Math.cos(a) + (r() - 0.5) * 0.01, cy + ry * Math.sin(a) + (r() - 0.5) * 0.01]);
  }
  return [pts];
}

function xStrokes(r) {
  const s = 0.2 + r() * 0.15, cx = 0.5 + (r() - 0.5) * 0.2, cy = 0.5 + (r() - 0.5) * 0.2;
  const j = () => (r() - 0.5) * 0.08;
  const line = (x0, y0, x1, y1) => Array.from({ length: 17 }, (_, i) => [x0 + ((x1 - x0) * i) / 16, y0 + ((y1 - y0) * i) / 16]);
  return [line(cx - s + j(), cy - s + j(), cx + s + j(), cy + s + j()), line(cx + s + j(), cy - s + j(), cx - s + j(), cy + s + j())];
}

/** Dark ink on white, anti-aliased by distance to the polyline, like a canvas stroke. */
function rasterize(strokes, side, width) {
  const data = new Uint8Array(side * side * 4).fill(255);
  const half = (width * side) / 2;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let d = Infinity;
      for (const pts of strokes) {
        for (let i = 1; i < pts.length; i++) {
          const ax = pts[i - 1][0] * side, ay = pts[i - 1][1] * side, bx = pts[i][0] * side, by = pts[i][1] * side;
          const dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy || 1;
          const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / len));
          d = Math.min(d, Math.hypot(x + 0.5 - ax - t * dx, y + 0.5 - ay - t * dy));
        }
      }
      const cover = Math.max(0, Math.min(1, half + 0.5 - d));
      const v = Math.round(255 - cover * (255 - 24));
      const o = (y * side + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = v;
    }
  }
  return { width: side, height: side, channels: 4, data };
}

await tf.setBackend('cpu');
const model = lenet({ inputShape: [32, 32, 1], classes: labels.length, seed: 7 });
const epochs = values.untrained ? 0 : Number(values.epochs);
if (epochs > 0) {
  const r = mulberry32(1234);
  const n = 320;
  const xs = new Float32Array(n * 32 * 32);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const isX = i % 2;
    const img = rasterize(isX ? xStrokes(r) : oStrokes(r), 96, 0.03 + r() * 0.03);
    xs.set(preprocessToArray(img, PREPROCESS).data, i * 1024);
    ys[i] = isX;
  }
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const h = await model.fit(tf.tensor4d(xs, [n, 32, 32, 1]), tf.tensor2d(ys, [n, 1]), {
    epochs,
    batchSize: 32,
    shuffle: true,
    callbacks: { onEpochEnd: (e, logs) => console.log(`epoch ${e + 1}/${epochs}: loss ${logs.loss.toFixed(3)} accuracy ${logs.acc.toFixed(3)}`) },
  });
  void h;
}

const files = await toGraphModel(model);
mkdirSync(outDir, { recursive: true });
await writeGraphModel(files, outDir);
const modelJsonBytes = readFileSync(join(outDir, 'model.json')).byteLength;
const card = parseModelCard({
  schemaVersion: 1,
  name: isOx ? 'ox-dev-fixture' : `${labels.join('-')}-dev-fixture`,
  version: '0.0.0-fixture',
  description: 'Development fixture for apps/web; not the shipped model.',
  createdAt: new Date(0).toISOString(),
  labels,
  input: { shape: [32, 32, 1] },
  output: labels.length === 2 ? { activation: 'sigmoid', units: 1 } : { activation: 'softmax', units: labels.length },
  preprocess: PREPROCESS,
  architecture: { name: 'lenet', params: { total: model.countParams(), trainable: model.countParams() } },
  format: 'tfjs-graph-model',
  files: { model: 'model.json', weights: ['weights.bin'], bytes: files.weightData.byteLength + modelJsonBytes },
  weightsHash: { algorithm: 'sha256', value: await sha256Hex([files.weightData]) },
});
writeFileSync(join(outDir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
console.log(`wrote ${outDir} (model.json, weights.bin ${files.weightData.byteLength} bytes, card.json)`);
