import { mixSeed } from '@inkling/core';
import { LABELS, type Label } from './marks/index.js';
import { NEGATIVE_SHAPES, type NegativeShape } from './marks/negatives.js';
import { renderJob, type RenderJob } from './render-job.js';
import { Rng } from './rng.js';
import { STYLE_DESCRIPTIONS, STYLE_WEIGHTS, STYLES, type Style } from './styles.js';
import { DatasetError, writeSet, type ManifestEntry, type SetItem } from './write-set.js';
import { stderrProgress } from './progress.js';

/** Bumped whenever a change to the generator changes its images for the same seed. */
export const GENERATOR_VERSION = '2.0.0';
import { DEFAULT_COUNT, DEFAULT_SEED, DEFAULT_TEST_FRACTION } from './defaults.js';

export { DEFAULT_COUNT, DEFAULT_SEED, DEFAULT_TEST_FRACTION };

export interface GenerateDatasetOptions {
  out: string;
  /** Images in all, both classes and both splits (even: the classes are balanced). */
  count?: number;
  seed?: number;
  /** Share of each class that goes to test/ (0 ≤ f < 1). */
  testFraction?: number;
  /** Replace an existing data set in `out`. */
  force?: boolean;
  /** Examples per style and class copied to examples/ (0: none). */
  examplesPerStyle?: number;
  /** Called after each image; default: a progress line on stderr. Pass `() => {}` for silence. */
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
  /** Worker threads that make the images (default DEFAULT_WORKERS; 1: the main thread). The files are the same either way. */
  workers?: number;
}

export interface DatasetSummary {
  out: string;
  images: number;
  seed: number;
  seconds: number;
  counts: Record<'train' | 'test', Record<Label, number>>;
  styles: Record<string, number>;
}

function checkCount(count: number, classes: number): void {
  if (!Number.isInteger(count) || count < classes) throw new DatasetError(`--count must be a whole number of at least ${classes}, got ${count}`);
  if (count % classes !== 0) throw new DatasetError(`--count must be a multiple of ${classes} so that ${LABELS.slice(0, classes).join(', ')} get the same number of images, got ${count}`);
}

/**
 * How often each shape stands for the "neither" class. Blanks are few: the card's rule already
 * calls a blank page uncertain; these teach the model what is left of a page that is not quite blank.
 */
const NEITHER_WEIGHTS: Record<NegativeShape, number> = { square: 3, star: 2, triangle: 2, letter: 4, digit: 2, scribble: 3, blank: 1 };

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new DatasetError(`--seed must be a whole number from 0 to 4294967295, got ${seed}`);
}

/**
 * The style of the k-th image of a class: the first images take each style once (so even a tiny
 * set shows them all), the rest are drawn by STYLE_WEIGHTS.
 */
export function styleFor(seed: number, classIndex: number, k: number): Style {
  if (k < STYLES.length) return STYLES[(k + classIndex * 5) % STYLES.length];
  return Rng.derive(seed, 0x5791e, classIndex, k).weighted(STYLE_WEIGHTS);
}

/**
 * Writes the embedded O/X data set: DIR/{train,test}/{o,x}/*.png, DIR/manifest.json and
 * DIR/examples/<style>/. The same (count, seed, testFraction) gives the same bytes.
 */
export async function generateDataset(options: GenerateDatasetOptions): Promise<DatasetSummary> {
  const count = options.count ?? DEFAULT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  const testFraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
  checkCount(count, LABELS.length);
  checkSeed(seed);
  if (!(testFraction >= 0 && testFraction < 1)) throw new DatasetError(`--test-fraction must be at least 0 and below 1, got ${testFraction}`);
  const perClass = count / LABELS.length;
  // A positive fraction always gives test/ at least one image per class (and train/ one too).
  const nTest = testFraction > 0 && perClass > 1 ? Math.min(perClass - 1, Math.max(1, Math.round(perClass * testFraction))) : 0;
  const items: SetItem[] = [];
  const counts: DatasetSummary['counts'] = { train: { o: 0, x: 0, neither: 0 }, test: { o: 0, x: 0, neither: 0 } };
  for (const [c, label] of LABELS.entries()) {
    for (let k = 0; k < perClass; k++) {
      const split = k < nTest ? 'test' : 'train';
      counts[split][label]++;
      const style = styleFor(seed, c, k);
      const imageSeed = mixSeed(seed, c, k);
      const file = `${split}/${label}/${label}-${String(k).padStart(5, '0')}.png`;
      const job: RenderJob =
        label === 'neither' ? { kind: 'negative', style, seed: imageSeed, shape: Rng.derive(seed, 0x6e656974, k).weighted(NEITHER_WEIGHTS) } : { kind: 'ox', style, seed: imageSeed, label };
      items.push({ file, extra: { label, split }, job, render: () => renderJob(job) });
    }
  }
  const started = performance.now();
  const { entries } = await writeSet({
    out: options.out,
    items,
    force: options.force,
    concurrency: options.concurrency,
    workers: options.workers,
    examplesPerStyle: options.examplesPerStyle,
    exampleKey: 'label',
    onProgress: options.onProgress ?? stderrProgress('dataset'),
    header: {
      generator: 'inkling-ox-dataset',
      version: GENERATOR_VERSION,
      seed,
      count,
      testFraction,
      classes: LABELS,
      styles: STYLE_DESCRIPTIONS,
    },
  });
  return { out: options.out, images: entries.length, seed, seconds: (performance.now() - started) / 1000, counts, styles: tally(entries) };
}

function tally(entries: readonly ManifestEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) out[e.style] = (out[e.style] ?? 0) + 1;
  return out;
}

export interface GenerateNegativesOptions {
  out: string;
  /** Images in all, spread evenly over the shapes. */
  count?: number;
  seed?: number;
  shapes?: readonly NegativeShape[];
  force?: boolean;
  examplesPerStyle?: number;
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
  /** Worker threads that make the images (default DEFAULT_WORKERS; 1: the main thread). The files are the same either way. */
  workers?: number;
}

/**
 * Writes shapes that are neither O nor X, in the same styles, to DIR/<shape>/*.png with a manifest:
 * squares, stars, triangles, other letters, digits, scribbles and blank pages.
 */
export async function generateNegatives(options: GenerateNegativesOptions): Promise<{ out: string; images: number; seconds: number; shapes: Record<string, number> }> {
  const shapes = options.shapes ?? NEGATIVE_SHAPES;
  const count = options.count ?? 700;
  const seed = options.seed ?? DEFAULT_SEED;
  checkCount(count, 1);
  checkSeed(seed);
  const items: SetItem[] = [];
  const perShape: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const s = i % shapes.length;
    const shape = shapes[s];
    const k = Math.floor(i / shapes.length);
    perShape[shape] = (perShape[shape] ?? 0) + 1;
    // Salted apart from the O/X stream so negatives never repeat an O/X image's draws.
    const style = styleFor(mixSeed(seed, 0x6e6567), 2 + s, k);
    const imageSeed = mixSeed(seed, 0x6e6567, s, k);
    const job: RenderJob = { kind: 'negative', style, seed: imageSeed, shape };
    items.push({ file: `${shape}/${shape}-${String(k).padStart(5, '0')}.png`, extra: { shape }, job, render: () => renderJob(job) });
  }
  const started = performance.now();
  const { entries } = await writeSet({
    out: options.out,
    items,
    force: options.force,
    concurrency: options.concurrency,
    workers: options.workers,
    examplesPerStyle: options.examplesPerStyle ?? 2,
    exampleKey: 'shape',
    onProgress: options.onProgress ?? stderrProgress('negatives'),
    header: { generator: 'inkling-ox-negatives', version: GENERATOR_VERSION, seed, count, shapes, styles: STYLE_DESCRIPTIONS },
  });
  return { out: options.out, images: entries.length, seconds: (performance.now() - started) / 1000, shapes: perShape };
}
