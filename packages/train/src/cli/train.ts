import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from './errors.js';
import { parsePositiveInt, parseIntOption } from './options.js';
import { defaultSpec, trainConfigSchema, type TrainConfigInput } from '../training/config.js';
import { train } from '../training/train.js';

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
}

export function registerTrain(program: Command): void {
  program
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
    .action(async (flags: TrainFlags) => {
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
        stepsPerEpoch: flags.stepsPerEpoch,
      };
      const parsed = trainConfigSchema.safeParse(input);
      if (!parsed.success) throw new UserError(`invalid training options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      await train({ config: parsed.data, out: resolve(flags.out), command: `inkling ${process.argv.slice(2).join(' ')}` });
    });
}
