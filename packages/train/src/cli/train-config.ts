import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUGMENT_OPTION_NAMES, parseAugmentOptions } from '@inkling/core/augment';
import { DEFAULT_AUGMENT, DEFAULT_COLOR, DEFAULT_IMAGE_SIZE, defaultSpec, trainConfigSchema, type TrainConfig } from '../training/config.js';
import { VGG16_DEFAULT_SIZE, vgg16PreprocessSpec } from '../vgg16/spec.js';
import type { BackendChoice } from '../backend/choices.js';
import { UserError } from './errors.js';

/** `inkling train`'s flags as commander parses them (defaults come from the config schema). */
export interface TrainFlags {
  config?: string;
  data?: string;
  validationDir?: string;
  validationSplit: number;
  model: 'lenet' | 'vgg16';
  epochs: number;
  batchSize: number;
  imageSize?: number;
  color?: 'grayscale' | 'rgb';
  seed: number;
  out: string;
  backend: BackendChoice;
  stepsPerEpoch?: number;
  learningRate: number;
  patience: number;
  reduceLrPatience: number;
  minConfidence: number;
  threads?: number;
  workers?: number;
  resume?: string;
  augment?: string | false;
  generate?: boolean;
  weights?: string;
  fineTuneEpochs: number;
  [augmentOption: string]: unknown;
}

/** Where the data is when neither --data nor --config says. */
export const DEFAULT_DATA = 'data/ox';

/** The schema's defaults, shown in `--help` and used as commander's defaults, so each is written once. */
export const TRAIN_DEFAULTS: TrainConfig = trainConfigSchema.parse({ data: DEFAULT_DATA, preprocess: defaultSpec(DEFAULT_IMAGE_SIZE, DEFAULT_COLOR) });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readJson(path: string, what: string): Json {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read the ${what} ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(json)) throw new UserError(`the ${what} ${path} must hold a JSON object, got ${JSON.stringify(json)?.slice(0, 60)}`);
  return json;
}

function parseConfig(input: unknown, what: string): TrainConfig {
  const parsed = trainConfigSchema.safeParse(input);
  if (!parsed.success) throw new UserError(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The preprocessing: the model's default spec when --model, --color or the config says nothing;
 * the config's own spec (resized by --image-size) otherwise.
 */
function preprocessFrom(base: Json, flags: TrainFlags, given: (option: string) => boolean): unknown {
  const vgg = flags.model === 'vgg16';
  const configSpec = base.preprocess;
  if (isObject(configSpec) && !given('model') && !given('color')) return given('imageSize') ? { ...configSpec, size: [flags.imageSize, flags.imageSize] } : configSpec;
  if (vgg) return vgg16PreprocessSpec(flags.imageSize ?? VGG16_DEFAULT_SIZE);
  return defaultSpec(flags.imageSize ?? DEFAULT_IMAGE_SIZE, flags.color ?? DEFAULT_COLOR);
}

/**
 * The augmentation: the config's (or the default: LeNet's; none for VGG16, whose features are then
 * computed once), or --augment FILE (or --no-augment), then each single flag on top.
 */
function augmentFrom(base: Json, flags: TrainFlags, given: (option: string) => boolean): Json {
  const byDefault: Json = isObject(base.augment) && !given('model') ? { ...base.augment } : flags.model === 'vgg16' ? {} : { ...DEFAULT_AUGMENT };
  const options = flags.augment === false ? {} : typeof flags.augment === 'string' ? readJson(resolve(flags.augment), 'augmentation config') : byDefault;
  for (const name of AUGMENT_OPTION_NAMES) if (flags[name] !== undefined) options[name] = flags[name];
  try {
    parseAugmentOptions(options);
  } catch (err) {
    throw new UserError(err instanceof Error ? err.message : String(err));
  }
  return options;
}

/**
 * The whole run configuration: the schema's defaults, under --config FILE (e.g. a run folder's
 * config.json, so a run can be repeated), under the flags given on the command line.
 */
export function runConfigFromFlags(flags: TrainFlags, given: (option: string) => boolean): TrainConfig {
  const base: Json = flags.config ? readJson(resolve(flags.config), 'run config') : {};
  // A flag counts only when typed; its commander default is the schema's and must not hide the file's value.
  const flag = <T>(option: string, value: T): T | undefined => (given(option) ? value : undefined);
  const model = flag('model', flags.model) ?? (base.model as TrainFlags['model'] | undefined) ?? TRAIN_DEFAULTS.model;
  if (!['lenet', 'vgg16'].includes(model)) throw new UserError(`--model must be lenet or vgg16, got "${model}"`);
  if (flags.color !== undefined && !['grayscale', 'rgb'].includes(flags.color)) throw new UserError(`--color must be grayscale or rgb, got "${flags.color}"`);
  const vgg = model === 'vgg16';
  if (vgg && flags.color !== undefined && flags.color !== 'rgb') throw new UserError('--model vgg16 takes colour images (ImageNet weights): drop --color grayscale');
  if (!vgg && (flags.weights || flags.fineTuneEpochs > 0)) throw new UserError('--weights and --fine-tune-epochs belong to --model vgg16');
  const withModel = { ...flags, model };
  const section = (name: string): Json => (isObject(base[name]) ? base[name] : {});
  const input: Json = {
    ...base,
    data: resolve(flags.data ?? (base.data as string | undefined) ?? DEFAULT_DATA),
    validationData: flags.validationDir !== undefined ? resolve(flags.validationDir) : base.validationData,
    validationSplit: flag('validationSplit', flags.validationSplit) ?? base.validationSplit,
    model,
    epochs: flag('epochs', flags.epochs) ?? base.epochs,
    batchSize: flag('batchSize', flags.batchSize) ?? base.batchSize,
    seed: flag('seed', flags.seed) ?? base.seed,
    backend: flag('backend', flags.backend) ?? base.backend,
    threads: flags.threads ?? base.threads,
    workers: flags.workers ?? base.workers,
    learningRate: flag('learningRate', flags.learningRate) ?? base.learningRate,
    stepsPerEpoch: flags.stepsPerEpoch ?? base.stepsPerEpoch,
    earlyStopping: { ...section('earlyStopping'), patience: flag('patience', flags.patience) ?? section('earlyStopping').patience },
    reduceLr: { ...section('reduceLr'), patience: flag('reduceLrPatience', flags.reduceLrPatience) ?? section('reduceLr').patience },
    decision: { ...section('decision'), minConfidence: flag('minConfidence', flags.minConfidence) ?? section('decision').minConfidence },
    vgg16: {
      ...section('vgg16'),
      weights: flags.weights ? resolve(flags.weights) : section('vgg16').weights,
      fineTuneEpochs: flag('fineTuneEpochs', flags.fineTuneEpochs) ?? section('vgg16').fineTuneEpochs,
    },
    preprocess: preprocessFrom(base, withModel, given),
    augment: augmentFrom(base, withModel, given),
  };
  return parseConfig(input, flags.config ? `invalid run config (${flags.config} with the flags)` : 'invalid training options');
}

/** A resumed run keeps its saved config; only --epochs may extend it. */
export function configForResume(runDir: string, flags: TrainFlags, epochsGiven: boolean): TrainConfig {
  const path = join(runDir, 'config.json');
  if (!existsSync(path)) throw new UserError(`${runDir} is not a run folder (no config.json)`);
  // Runs from before data-parallel training ran on one engine; they go on that way.
  const config = parseConfig({ workers: 1, ...readJson(path, 'run config') }, `the run config ${path} is invalid`);
  return epochsGiven ? { ...config, epochs: flags.epochs } : config;
}
