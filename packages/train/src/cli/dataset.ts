import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_COUNT, DEFAULT_SEED, DEFAULT_TEST_FRACTION, NEGATIVE_SHAPES } from '../dataset/defaults.js';
import { DEFAULT_WORKERS } from '../util/workers.js';
import { UserError } from './errors.js';
import { parseIntOption, parsePositiveInt } from './options.js';

function parseFraction(value: string): number {
  const f = Number(value);
  if (value.trim() === '' || !Number.isFinite(f) || f < 0 || f >= 1) throw new InvalidArgumentError(`"${value}" must be a number from 0 up to (not including) 1`);
  return f;
}

function parseSeed(value: string): number {
  const n = parseIntOption(value);
  if (n < 0 || n > 0xffffffff) throw new InvalidArgumentError(`"${value}" must be from 0 to 4294967295`);
  return n;
}

interface DatasetOptions {
  out: string;
  count?: number;
  seed: number;
  testFraction: number;
  force?: boolean;
  negatives?: boolean;
  examples: number;
  workers: number;
}

export function registerDataset(program: Command): void {
  program
    .command('dataset')
    .description('generate the embedded O/X data set (DIR/{train,test}/{o,x}/*.png, manifest.json, examples/), or with --negatives the non-O/X shapes (DIR/<shape>/*.png)')
    .requiredOption('--out <dir>', 'folder to write (must not exist, be empty, or be a data set made by this command with --force)')
    .option('--count <n>', `images in all (default ${DEFAULT_COUNT}; with --negatives 700)`, parsePositiveInt)
    .option('--seed <n>', 'random seed: the same seed and count give byte-identical files', parseSeed, DEFAULT_SEED)
    .option('--test-fraction <f>', 'share of each class written to test/', parseFraction, DEFAULT_TEST_FRACTION)
    .option('--negatives', `write shapes that are neither O nor X (${NEGATIVE_SHAPES.join(', ')}) instead`)
    .option('--examples <n>', 'example images per style and class copied to examples/', parseIntOption, 4)
    .option('--force', 'replace an existing data set in --out')
    .option('--workers <n>', `worker threads making the images (the files are the same for any number; 1: no threads)`, parsePositiveInt, DEFAULT_WORKERS)
    .action(async (opts: DatasetOptions) => {
      // Loaded on use: the generator brings sharp and dozens of fonts.
      const { DatasetError, generateDataset, generateNegatives } = await import('../dataset/index.js');
      try {
        if (opts.negatives) {
          const r = await generateNegatives({ out: opts.out, count: opts.count, seed: opts.seed, force: opts.force, examplesPerStyle: opts.examples, workers: opts.workers });
          const shapes = Object.entries(r.shapes).map(([s, n]) => `${s} ${n}`).join(', ');
          console.log(`wrote ${r.images} images (${shapes}) to ${opts.out} in ${r.seconds.toFixed(1)} s (${(r.images / r.seconds).toFixed(0)} images/s)`);
          return;
        }
        const r = await generateDataset({ out: opts.out, count: opts.count, seed: opts.seed, testFraction: opts.testFraction, force: opts.force, examplesPerStyle: opts.examples, workers: opts.workers });
        const { train, test } = r.counts;
        console.log(
          `wrote ${r.images} images (train o ${train.o} x ${train.x} neither ${train.neither}, test o ${test.o} x ${test.x} neither ${test.neither}; ${Object.keys(r.styles).length} styles) ` +
            `to ${opts.out} in ${r.seconds.toFixed(1)} s (${(r.images / r.seconds).toFixed(0)} images/s); examples in ${opts.out}/examples`,
        );
      } catch (err) {
        if (err instanceof DatasetError) throw new UserError(err.message);
        throw err;
      }
    });
}
