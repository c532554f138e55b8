#!/usr/bin/env node
// How the shipped card's "uncertain" threshold (decision.minConfidence) was chosen: the robustness
// suite on the real dev drawings, blank pages and generated shapes, once per threshold. The chosen
// value is the highest that keeps every transformation's "right and sure" share at its best and no
// real drawing as drawn "uncertain"; above it, real drawings start to be answered "uncertain".
//   node models/ox/experiments/threshold-sweep.mjs [--model models/ox] [--data test/fixtures/real-ox-dev]
// Its output, as last run for the shipped model, is in threshold-sweep.txt beside this file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BLANKS, generateNegatives, loadModel, NEGATIVE_SHAPES, runRobustness, selectBackend, TRANSFORMS } from '@inkling/train';

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: join(root, 'models/ox') },
    data: { type: 'string', default: join(root, 'test/fixtures/real-ox-dev') },
    thresholds: { type: 'string', default: '0.4,0.5,0.6,0.7,0.8,0.85,0.9,0.95,0.98' },
  },
});
await selectBackend('wasm');
const { card, predictor } = await loadModel(resolve(values.model));
const scratch = mkdtempSync(join(tmpdir(), 'inkling-sweep-'));
try {
  const shapes = join(scratch, 'shapes');
  await generateNegatives({ out: shapes, count: 350, shapes: NEGATIVE_SHAPES.filter((s) => s !== 'blank'), examplesPerStyle: 0, onProgress: () => {} });
  const blanks = await Promise.all(BLANKS.map(async (b) => ({ name: b.name, bytes: await b.make() })));
  const pct = (v) => `${(100 * v).toFixed(1)}%`;
  console.log(`model ${relative(root, resolve(values.model))} (labels ${card.labels.join(', ')}; card's minConfidence ${card.decision.minConfidence}), data ${relative(root, resolve(values.data))}`);
  console.log('| minConfidence | as drawn: right and sure | as drawn: uncertain | worst transformation: right and sure | mean over transformations | blanks: neither/uncertain | shapes: neither/uncertain |');
  console.log('| ---: | ---: | ---: | --- | ---: | ---: | ---: |');
  for (const t of values.thresholds.split(',').map(Number)) {
    const c = { ...card, decision: { ...card.decision, minConfidence: t } };
    const r = await runRobustness({ predictor, card: c, dataDir: resolve(values.data), transforms: TRANSFORMS, blanks, negativesDir: shapes });
    const [asDrawn, ...rest] = r.transformations;
    const worst = rest.reduce((a, b) => (b.rightAndSure < a.rightAndSure ? b : a));
    const mean = rest.reduce((s, x) => s + x.rightAndSure, 0) / rest.length;
    console.log(`| ${t} | ${pct(asDrawn.rightAndSure)} | ${asDrawn.uncertain} | ${pct(worst.rightAndSure)} (${worst.name}) | ${pct(mean)} | ${pct(r.blanks?.rejected ?? 0)} | ${pct(r.shapes?.all.rejected ?? 0)} |`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
  predictor.dispose();
}
