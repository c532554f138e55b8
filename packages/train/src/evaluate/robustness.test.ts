import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/index.js';
import { BLANKS, TRANSFORMS } from '../robustness/index.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { formatRobustness, runRobustness, type ImageTransform, type RobustnessRow } from './robustness.js';

const REPO = new URL('../../../../', import.meta.url).pathname;
const SHIPPED = join(REPO, 'models', 'ox');
/** Real drawings by an outside author (see its README); never used for training. */
const REAL = process.env.INKLING_REAL_OX ?? join(REPO, '..', 'shared', 'data', 'real-ox-dev');

let model: LoadedModel;
let scratch: string;

beforeAll(async () => {
  await selectBackend('wasm');
  model = await loadModel(SHIPPED);
  scratch = mkdtempSync(join(tmpdir(), 'inkling-robust-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('runRobustness', () => {
  it('scores each transformation separately and names the images it got wrong', async () => {
    const dir = join(scratch, 'mini');
    const draw = async (label: string, svgShape: string) => {
      mkdirSync(join(dir, label), { recursive: true });
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="white"/><g fill="none" stroke="black" stroke-width="6">${svgShape}</g></svg>`;
      writeFileSync(join(dir, label, `${label}.png`), await sharp(Buffer.from(svg)).png().toBuffer());
    };
    await draw('o', '<circle cx="50" cy="50" r="30"/>');
    await draw('x', '<path d="M20 20 L80 80 M80 20 L20 80"/>');
    // A transformation that erases the mark must not be scored as if nothing happened.
    const erase: ImageTransform = { name: 'erased', apply: async () => sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } }).png().toBuffer() };
    const rows = await runRobustness({ predictor: model.predictor, card: model.card, dataDir: dir, transforms: [erase] });
    expect(rows.map((r) => r.name)).toEqual(['original', 'erased']);
    expect(rows[0]).toMatchObject({ accuracy: 1, mistakes: [] });
    expect(rows[1].uncertain).toBe(1);
    expect(formatRobustness(rows)).toMatch(/\| erased \| 2 \|/);
  }, 60_000);
});

if (!existsSync(REAL)) console.warn(`robustness suite skipped: no real drawings at ${REAL} (set INKLING_REAL_OX to their folder)`);

describe.skipIf(!existsSync(REAL))('the shipped model on real drawings (robustness suite, issue 9)', () => {
  let rows: RobustnessRow[];
  beforeAll(async () => {
    const blanks = await Promise.all(BLANKS.map(async (b) => ({ name: b.name, bytes: await b.make() })));
    rows = await runRobustness({ predictor: model.predictor, card: model.card, dataDir: REAL, transforms: [...TRANSFORMS], blanks });
    mkdirSync(join(REPO, 'packages', 'train', 'test-results'), { recursive: true });
    writeFileSync(join(REPO, 'packages', 'train', 'test-results', 'robustness.md'), `${formatRobustness(rows)}\n`);
    console.log(`robustness of models/ox on ${REAL}:\n${formatRobustness(rows)}`);
    expect(tf.memory().numTensors).toBeLessThan(100);
  }, 120_000);

  it('reads at least 95% of the real drawings right', () => {
    const original = rows.find((r) => r.name === 'original') as RobustnessRow;
    expect(original.images).toBe(40);
    expect(original.accuracy, `wrong: ${original.mistakes.join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('reads at least 92.5% of them under each transformation', () => {
    for (const t of TRANSFORMS) {
      const row = rows.find((r) => r.name === t.name) as RobustnessRow;
      expect(row.accuracy, `${t.name}: wrong ${row.mistakes.join(', ')}`).toBeGreaterThanOrEqual(0.925);
    }
  });

  it('answers every blank page "uncertain"', () => {
    const blank = rows.find((r) => r.kind === 'blank') as RobustnessRow;
    expect(blank.images).toBe(BLANKS.length);
    expect(blank.uncertain).toBe(1);
  });
});
