import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AUGMENT_OPTION_NAMES } from '@inkling/core/augment';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_COLOR, DEFAULT_IMAGE_SIZE, DEFAULT_WORKERS } from '../training/config.js';
import { VGG16_DEFAULT_SIZE } from '../vgg16/spec.js';
import { UserError } from './errors.js';
import { backendOption, parseIntOption, parsePositiveInt } from './options.js';
import { configForResume, DEFAULT_DATA, runConfigFromFlags, TRAIN_DEFAULTS as D, type TrainFlags } from './train-config.js';

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

function parseFraction(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new InvalidArgumentError(`"${value}" is not a number from 0 to 1`);
  return x;
}

function parsePositiveNumber(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x <= 0) throw new InvalidArgumentError(`"${value}" is not a number greater than 0`);
  return x;
}

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('train a model on a folder of images (one sub-folder per label) and leave a run folder')
    .option('--config <run.json>', "the whole run configuration, e.g. a run folder's config.json (repeats that run); flags given override it")
    .option('--data <dir>', `data folder: <label>/ images, or train/ and validation|test/ of them (default: "${DEFAULT_DATA}")`)
    .option('--validation-dir <dir>', 'validation images (<label>/ folders); default: <data>/validation or <data>/test, else a split of the data')
    .option('--validation-split <x>', 'fraction of each class held out for validation when there is no validation folder', parseFraction, D.validationSplit)
    .option('--model <name>', 'lenet | vgg16', D.model)
    .option('--epochs <n>', 'epochs at most (early stopping may end sooner)', parsePositiveInt, D.epochs)
    .option('--batch-size <n>', 'images per batch', parsePositiveInt, D.batchSize)
    .option('--image-size <n>', `model input size in pixels, square (default: ${DEFAULT_IMAGE_SIZE}; ${VGG16_DEFAULT_SIZE} for vgg16)`, parsePositiveInt)
    .option('--color <mode>', `grayscale | rgb (default: "${DEFAULT_COLOR}"; rgb for vgg16)`)
    .option('--seed <n>', 'seed for initialisation, shuffling, split and augmentation', parseIntOption, D.seed)
    .option('--out <dir>', 'folder that receives the run folder', 'runs')
    .addOption(backendOption())
    .option('--threads <n>', 'WASM threads (default 1, or INKLING_WASM_THREADS)', parsePositiveInt)
    .option('--workers <n>', `data-parallel worker threads for wasm/cpu (default ${DEFAULT_WORKERS}; fixed so a run gives the same model on any machine; 1: one engine)`, parsePositiveInt)
    .option('--learning-rate <x>', 'Adam learning rate', parsePositiveNumber, D.learningRate)
    .option('--patience <n>', `EarlyStopping: epochs without a better ${D.earlyStopping.monitor} before stopping`, parseIntOption, D.earlyStopping.patience)
    .option('--reduce-lr-patience <n>', `ReduceLROnPlateau: epochs without a better ${D.reduceLr.monitor} before the learning rate is multiplied by ${D.reduceLr.factor}`, parseIntOption, D.reduceLr.patience)
    .option('--min-confidence <x>', 'the card\'s decision rule: answers below this probability are "uncertain"', parseFraction, D.decision.minConfidence)
    .option('--steps-per-epoch <n>', 'cap on batches per epoch (quick runs)', parsePositiveInt)
    .option('--resume <rundir>', 'continue a run that was killed, from its last checkpoint')
    .option('--augment <file.json>', 'ImageDataGenerator options as JSON (Keras names, camelCase); --no-augment for none')
    .option('--no-augment', 'no augmentation')
    .option('--weights <file.h5>', "vgg16: Keras's vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (default: the cache folder, else a one-time verified download)")
    .option('--fine-tune-epochs <n>', `vgg16: then fine-tune block5 for this many epochs at learning rate ${D.vgg16.fineTuneLearningRate}`, parseIntOption, D.vgg16.fineTuneEpochs)
    .option('--generate', 'when the --data folder does not exist, first generate the embedded O/X data set into it (inkling dataset, seed 42)');
  for (const name of AUGMENT_OPTION_NAMES) command.option(`--${kebab(name)} <value>`, `augmentation: Keras's ${name}`, flagValue);
  command.action(async (flags: TrainFlags) => {
    const given = (option: string) => command.getOptionValueSource(option) === 'cli';
    if (flags.resume && flags.config) throw new UserError('--resume continues a run with its own config.json; drop --config');
    const config = flags.resume ? configForResume(resolve(flags.resume), flags, given('epochs')) : runConfigFromFlags(flags, given);
    if (flags.generate && !flags.resume && !existsSync(config.data)) {
      const { generateDataset } = await import('../dataset/index.js');
      console.log(`data: ${config.data} is missing; generating the embedded O/X data set there`);
      await generateDataset({ out: config.data, workers: config.workers });
    }
    // Loaded on use: the trainer pulls in tfjs, sharp and the report's charting, seconds of start-up.
    const { train } = await import('../training/train.js');
    await train({ config, out: resolve(flags.out), resume: flags.resume ? resolve(flags.resume) : undefined, command: `inkling ${process.argv.slice(2).join(' ')}` });
  });
}
