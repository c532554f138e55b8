import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUGMENT_OPTION_NAMES, parseAugmentOptions } from '@inkling/core/augment';
import type { Command } from 'commander';
import { VGG16_DEFAULT_SIZE, vgg16PreprocessSpec } from '../vgg16/spec.js';
import { DEFAULT_AUGMENT, defaultSpec, trainConfigSchema, type TrainConfig, type TrainConfigInput } from '../training/config.js';
import type { BackendChoice } from '../backend/index.js';
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
  backend: BackendChoice;
  stepsPerEpoch?: number;
  learningRate: number;
  threads?: number;
  resume?: string;
  augment: string | false;
  generate?: boolean;
  weights?: string;
  fineTuneEpochs: number;
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

/**
 * The augmentation: the default (LeNet; none for VGG16, whose features are then computed once), or
 * --augment FILE (or none), then each single flag on top.
 */
function augmentFrom(flags: TrainFlags): Record<string, unknown> {
  const byDefault: Record<string, unknown> = flags.model === 'vgg16' ? {} : { ...DEFAULT_AUGMENT };
  const base = flags.augment === false ? {} : typeof flags.augment === 'string' ? readJson(resolve(flags.augment), 'augmentation config') : byDefault;
  for (const name of AUGMENT_OPTION_NAMES) if (flags[name] !== undefined) base[name] = flags[name];
  try {
    parseAugmentOptions(base);
  } catch (err) {
    throw new UserError(err instanceof Error ? err.message : String(err));
  }
  return base;
}

function configFromFlags(flags: TrainFlags, given: (option: string) => boolean): TrainConfig {
  if (!['lenet', 'vgg16'].includes(flags.model)) throw new UserError(`--model must be lenet or vgg16, got "${flags.model}"`);
  if (!['grayscale', 'rgb'].includes(flags.color)) throw new UserError(`--color must be grayscale or rgb, got "${flags.color}"`);
  const vgg = flags.model === 'vgg16';
  if (vgg && given('color') && flags.color !== 'rgb') throw new UserError('--model vgg16 takes colour images (ImageNet weights): drop --color grayscale');
  if (!vgg && (flags.weights || flags.fineTuneEpochs > 0)) throw new UserError('--weights and --fine-tune-epochs belong to --model vgg16');
  const size = given('imageSize') ? flags.imageSize : vgg ? VGG16_DEFAULT_SIZE : flags.imageSize;
  const input: TrainConfigInput = {
    data: resolve(flags.data),
    model: flags.model,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    seed: flags.seed,
    backend: flags.backend,
    threads: flags.threads,
    learningRate: flags.learningRate,
    preprocess: vgg ? vgg16PreprocessSpec(size) : defaultSpec(size, flags.color),
    vgg16: { weights: flags.weights ? resolve(flags.weights) : undefined, fineTuneEpochs: flags.fineTuneEpochs },
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
    .option('--image-size <n>', 'model input size in pixels, square (default 32; 150 for vgg16)', parsePositiveInt, 32)
    .option('--color <mode>', 'grayscale | rgb', 'grayscale')
    .option('--seed <n>', 'seed for initialisation, shuffling, split and augmentation', parseIntOption, 42)
    .option('--out <dir>', 'folder that receives the run folder', 'runs')
    .option('--backend <name>', 'auto | tensorflow | webgpu | wasm | cpu', 'auto')
    .option('--threads <n>', 'WASM threads (default 1, or INKLING_WASM_THREADS)', parsePositiveInt)
    .option('--learning-rate <x>', 'Adam learning rate', Number, 1e-3)
    .option('--steps-per-epoch <n>', 'cap on batches per epoch (quick runs)', parsePositiveInt)
    .option('--resume <rundir>', 'continue a run that was killed, from its last checkpoint')
    .option('--augment <file.json>', 'ImageDataGenerator options as JSON (Keras names, camelCase); --no-augment for none')
    .option('--no-augment', 'no augmentation')
    .option('--weights <file.h5>', "vgg16: Keras's vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (default: the cache folder, else a one-time verified download)")
    .option('--fine-tune-epochs <n>', 'vgg16: then fine-tune block5 for this many epochs at learning rate 1e-5', parseIntOption, 0)
    .option('--generate', 'when the --data folder does not exist, first generate the embedded O/X data set into it (inkling dataset, seed 42)');
  for (const name of AUGMENT_OPTION_NAMES) command.option(`--${kebab(name)} <value>`, `augmentation: Keras's ${name}`, flagValue);
  command.action(async (flags: TrainFlags) => {
    const given = (option: string) => command.getOptionValueSource(option) === 'cli';
    const config = flags.resume ? configForResume(resolve(flags.resume), flags, given('epochs')) : configFromFlags(flags, given);
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
