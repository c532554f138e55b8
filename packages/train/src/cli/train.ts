import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUGMENT_OPTION_NAMES, parseAugmentOptions } from '@inkling/core/augment';
import type { Command } from 'commander';
import { DEFAULT_AUGMENT, defaultSpec, trainConfigSchema, type TrainConfig, type TrainConfigInput } from '../training/config.js';
import { UserError } from './errors.js';
import { parseIntOption, parsePositiveInt } from './options.js';

interface TrainFlags {
  data: string;
  model: 'lenet' | 'vgg16';
  epochs: number;
  batchSize: number;
  imageSize: number;
  color: 'grayscale' | 'rgb';
  seed: number;
  out: string;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  stepsPerEpoch?: number;
  learningRate: number;
  resume?: string;
  augment: string | false;
  generate?: boolean;
  [augmentOption: string]: unknown;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A flag value as Keras would write it: true/false, a number, a JSON list, "a,b" as a pair, or a word. */
function flagValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new UserError(`"${text}" is not a JSON list`);
    }
  }
  if (/^[-\d.e]+,[-\d.e]+$/i.test(text)) return text.split(',').map(Number);
  return text;
}

function readJson(path: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`cannot read the ${what} ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The augmentation: the default, or --augment FILE (or none), then each single flag on top. */
function augmentFrom(flags: TrainFlags): Record<string, unknown> {
  const base = flags.augment === false ? {} : typeof flags.augment === 'string' ? readJson(resolve(flags.augment), 'augmentation config') : { ...DEFAULT_AUGMENT };
  for (const name of AUGMENT_OPTION_NAMES) if (flags[name] !== undefined) base[name] = flags[name];
  try {
    parseAugmentOptions(base);
  } catch (err) {
    throw new UserError(err instanceof Error ? err.message : String(err));
  }
  return base;
}

function configFromFlags(flags: TrainFlags): TrainConfig {
  if (!['grayscale', 'rgb'].includes(flags.color)) throw new UserError(`--color must be grayscale or rgb, got "${flags.color}"`);
  const input: TrainConfigInput = {
    data: resolve(flags.data),
    model: flags.model,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    seed: flags.seed,
    backend: flags.backend,
    learningRate: flags.learningRate,
    preprocess: defaultSpec(flags.imageSize, flags.color),
    augment: augmentFrom(flags),
    stepsPerEpoch: flags.stepsPerEpoch,
  };
  const parsed = trainConfigSchema.safeParse(input);
  if (!parsed.success) throw new UserError(`invalid training options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** A resumed run keeps its saved config; only --epochs may extend it. */
function configForResume(runDir: string, flags: TrainFlags, epochsGiven: boolean): TrainConfig {
  const path = join(runDir, 'config.json');
  if (!existsSync(path)) throw new UserError(`${runDir} is not a run folder (no config.json)`);
  const parsed = trainConfigSchema.safeParse(readJson(path, 'run config'));
  if (!parsed.success) throw new UserError(`the run config ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return epochsGiven ? { ...parsed.data, epochs: flags.epochs } : parsed.data;
}

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('train a model on a folder of images (one sub-folder per label) and leave a run folder')
    .option('--data <dir>', 'data folder: <label>/ images, or train/ and validation|test/ of them', 'data/ox')
    .option('--model <name>', 'lenet | vgg16', 'lenet')
    .option('--epochs <n>', 'epochs at most (early stopping may end sooner)', parsePositiveInt, 30)
    .option('--batch-size <n>', 'images per batch', parsePositiveInt, 32)
    .option('--image-size <n>', 'model input size in pixels (square)', parsePositiveInt, 32)
    .option('--color <mode>', 'grayscale | rgb', 'grayscale')
    .option('--seed <n>', 'seed for initialisation, shuffling, split and augmentation', parseIntOption, 42)
    .option('--out <dir>', 'folder that receives the run folder', 'runs')
    .option('--backend <name>', 'auto | tensorflow | wasm | cpu', 'auto')
    .option('--learning-rate <x>', 'Adam learning rate', Number, 1e-3)
    .option('--steps-per-epoch <n>', 'cap on batches per epoch (quick runs)', parsePositiveInt)
    .option('--resume <rundir>', 'continue a run that was killed, from its last checkpoint')
    .option('--augment <file.json>', 'ImageDataGenerator options as JSON (Keras names, camelCase); --no-augment for none')
    .option('--no-augment', 'no augmentation')
    .option('--generate', 'when the --data folder does not exist, first generate the embedded O/X data set into it (inkling dataset, seed 42)');
  for (const name of AUGMENT_OPTION_NAMES) command.option(`--${kebab(name)} <value>`, `augmentation: Keras's ${name}`, flagValue);
  command.action(async (flags: TrainFlags) => {
    const config = flags.resume ? configForResume(resolve(flags.resume), flags, command.getOptionValueSource('epochs') === 'cli') : configFromFlags(flags);
    if (flags.generate && !flags.resume && !existsSync(config.data)) {
      const { generateDataset } = await import('../dataset/index.js');
      console.log(`data: ${config.data} is missing; generating the embedded O/X data set there`);
      await generateDataset({ out: config.data });
    }
    // Loaded on use: the trainer pulls in tfjs, sharp and the report's charting, seconds of start-up.
    const { train } = await import('../training/train.js');
    await train({ config, out: resolve(flags.out), resume: flags.resume ? resolve(flags.resume) : undefined, command: `inkling ${process.argv.slice(2).join(' ')}` });
  });
}
