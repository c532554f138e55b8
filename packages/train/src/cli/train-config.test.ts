import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT, defaultSpec, trainConfigSchema } from '../training/config.js';
import { UserError } from './errors.js';
import { runConfigFromFlags, TRAIN_DEFAULTS, type TrainFlags } from './train-config.js';

const dir = mkdtempSync(join(tmpdir(), 'inkling-train-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Flags as commander gives them when only `typed` were typed: every other one holds its default. */
function flags(typed: Partial<TrainFlags> = {}): [TrainFlags, (option: string) => boolean] {
  const defaults: TrainFlags = {
    validationSplit: TRAIN_DEFAULTS.validationSplit,
    model: TRAIN_DEFAULTS.model,
    epochs: TRAIN_DEFAULTS.epochs,
    batchSize: TRAIN_DEFAULTS.batchSize,
    seed: TRAIN_DEFAULTS.seed,
    out: 'runs',
    backend: TRAIN_DEFAULTS.backend,
    learningRate: TRAIN_DEFAULTS.learningRate,
    patience: TRAIN_DEFAULTS.earlyStopping.patience,
    reduceLrPatience: TRAIN_DEFAULTS.reduceLr.patience,
    minConfidence: TRAIN_DEFAULTS.decision.minConfidence,
    fineTuneEpochs: TRAIN_DEFAULTS.vgg16.fineTuneEpochs,
  };
  return [{ ...defaults, ...typed }, (option) => option in typed];
}

function writeConfig(name: string, json: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe("inkling train's run configuration", () => {
  it('with no flags is the schema defaults: LeNet, 32 px grayscale, the default augmentation', () => {
    const config = runConfigFromFlags(...flags());
    expect(config).toEqual(trainConfigSchema.parse({ data: resolve('data/ox'), preprocess: defaultSpec(32, 'grayscale') }));
    expect(config.augment).toEqual(DEFAULT_AUGMENT);
    expect(config.decision.minConfidence).toBe(0.9);
  });

  it('maps the Keras-user flags to the config', () => {
    const config = runConfigFromFlags(...flags({ validationSplit: 0.3, validationDir: 'val', patience: 5, reduceLrPatience: 1, minConfidence: 0.6 }));
    expect(config.validationSplit).toBe(0.3);
    expect(config.validationData).toBe(resolve('val'));
    expect(config.earlyStopping).toEqual({ ...TRAIN_DEFAULTS.earlyStopping, patience: 5 });
    expect(config.reduceLr).toEqual({ ...TRAIN_DEFAULTS.reduceLr, patience: 1 });
    expect(config.decision).toEqual({ ...TRAIN_DEFAULTS.decision, minConfidence: 0.6 });
  });

  it('takes everything from --config and only the typed flags on top, defaults never hiding the file', () => {
    const file = writeConfig('run.json', {
      data: '/data/shapes',
      epochs: 7,
      seed: 3,
      validationSplit: 0.1,
      preprocess: { size: [20, 20], colorMode: 'grayscale', resize: 'bilinear' },
      augment: { rotationRange: 5 },
      earlyStopping: { patience: 2, monitor: 'val_loss' },
      decision: { minConfidence: 0.7 },
    });
    const fromFile = runConfigFromFlags(...flags({ config: file }));
    expect(fromFile).toMatchObject({ data: '/data/shapes', epochs: 7, seed: 3, validationSplit: 0.1, augment: { rotationRange: 5 } });
    expect(fromFile.earlyStopping).toEqual({ ...TRAIN_DEFAULTS.earlyStopping, patience: 2, monitor: 'val_loss' });
    expect(fromFile.decision.minConfidence).toBe(0.7);
    expect(fromFile.preprocess.resize).toBe('bilinear');

    const overridden = runConfigFromFlags(...flags({ config: file, epochs: 9, patience: 6, imageSize: 28, rotationRange: 12 }));
    expect(overridden).toMatchObject({ epochs: 9, seed: 3, augment: { rotationRange: 12 } });
    expect(overridden.earlyStopping).toMatchObject({ patience: 6, monitor: 'val_loss' });
    expect(overridden.preprocess).toMatchObject({ size: [28, 28], resize: 'bilinear' });
  });

  it("--model vgg16 replaces a LeNet config's preprocessing and augmentation with VGG16's", () => {
    const file = writeConfig('lenet.json', runConfigFromFlags(...flags()));
    const config = runConfigFromFlags(...flags({ config: file, model: 'vgg16' }));
    expect(config.preprocess).toMatchObject({ size: [150, 150], colorMode: 'rgb', normalize: { method: 'caffe' } });
    expect(config.augment).toEqual({});
  });

  it('names what is wrong with a bad config file', () => {
    const bad = writeConfig('bad.json', { epochs: 0, decision: { minConfidence: 2 } });
    expect(() => runConfigFromFlags(...flags({ config: bad }))).toThrow(UserError);
    expect(() => runConfigFromFlags(...flags({ config: bad }))).toThrow(/bad\.json.*epochs.*decision\.minConfidence/);
    expect(() => runConfigFromFlags(...flags({ config: writeConfig('list.json', [1]) }))).toThrow(/must hold a JSON object/);
    expect(() => runConfigFromFlags(...flags({ config: join(dir, 'missing.json') }))).toThrow(/cannot read the run config .*missing\.json/);
  });
});
