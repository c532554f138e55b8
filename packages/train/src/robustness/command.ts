import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { selectBackend, type BackendChoice } from '../backend/index.js';
import { generateNegatives, NEGATIVE_SHAPES } from '../dataset/index.js';
import { loadModel } from '../evaluate/index.js';
import { writeFileAtomic } from '../util/atomic.js';
import { BLANKS } from './blanks.js';
import { formatRobustness } from './format.js';
import { runRobustness, type RobustnessReport } from './suite.js';
import { TRANSFORMS } from './transforms/index.js';

export interface RobustnessCommandOptions {
  model: string;
  data: string;
  /** Shapes that are none of the labels; generated (`inkling dataset --negatives`) when absent. */
  negatives?: string;
  negativesCount: number;
  backend: BackendChoice;
  seed?: number;
}

/**
 * Writes `count` generated shapes that are neither O nor X (`inkling dataset --negatives`) to `dir`,
 * leaving out its blank pages: the suite measures those on their own.
 */
export async function generateShapes(dir: string, count: number, seed?: number): Promise<void> {
  const shapes = NEGATIVE_SHAPES.filter((s) => s !== 'blank');
  await generateNegatives({ out: dir, count, seed, shapes, examplesPerStyle: 0, onProgress: () => {} });
}

/** `inkling robustness`: loads the model, generates the shapes when none are given, runs the suite. */
export async function robustnessCommand(options: RobustnessCommandOptions): Promise<RobustnessReport> {
  await selectBackend(options.backend);
  const { card, predictor } = await loadModel(resolve(options.model));
  let negativesDir = options.negatives ? resolve(options.negatives) : undefined;
  const scratch = negativesDir ? undefined : mkdtempSync(join(tmpdir(), 'inkling-negatives-'));
  try {
    if (scratch) {
      negativesDir = join(scratch, 'shapes');
      await generateShapes(negativesDir, options.negativesCount);
    }
    const blanks = await Promise.all(BLANKS.map(async (b) => ({ name: b.name, bytes: await b.make() })));
    return await runRobustness({ predictor, card, dataDir: resolve(options.data), transforms: TRANSFORMS, blanks, negativesDir, seed: options.seed });
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Prints the report (Markdown table, or JSON) and, when asked, writes the table to `out`. */
export async function printRobustness(report: RobustnessReport, options: { json?: boolean; out?: string }): Promise<void> {
  const table = formatRobustness(report);
  if (options.out) await writeFileAtomic(resolve(options.out), `${table}\n`);
  console.log(options.json ? JSON.stringify(report, null, 2) : table);
}
