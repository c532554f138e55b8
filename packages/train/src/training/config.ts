import { decisionSchema, preprocessSpecSchema, type PreprocessSpecInput } from '@inkling/core';
import { z } from 'zod';
import { BACKEND_CHOICES, DEFAULT_BACKEND } from '../backend/choices.js';

/** `inkling train`'s model input side and colour mode when neither the flags nor --config set them. */
export const DEFAULT_IMAGE_SIZE = 32;
export const DEFAULT_COLOR = 'grayscale';
import { DEFAULT_WORKERS } from '../util/workers.js';

/** The default model's preprocessing: the ink (against paper that follows the light), polarity-normalised, stretched and framed. */
export function defaultSpec(size: number, color: 'grayscale' | 'rgb'): PreprocessSpecInput {
  if (color === 'rgb') return { size: [size, size], colorMode: 'rgb', resize: 'area', rescale: 1 / 255 };
  // The rest (stretch floor, crop margin, area resize, 1/255) are the spec schema's own defaults.
  return { size: [size, size], colorMode: 'grayscale', paper: 'local', polarity: 'ink-bright', contrast: { method: 'stretch' }, crop: { method: 'ink-bbox', stretch: 3, isolateMark: true } };
}

/**
 * The default augmentation, applied after preprocessing (inputs are the framed ink on a 0 background):
 * a little rotation, shift, shear and zoom, mirror images (an O and an X are still themselves), and
 * constant 0 fill, i.e. empty paper, where the transform reaches past the edge.
 */
export const DEFAULT_AUGMENT = {
  rotationRange: 20,
  widthShiftRange: 0.1,
  heightShiftRange: 0.1,
  shearRange: 10,
  zoomRange: [0.85, 1.15],
  horizontalFlip: true,
  fillMode: 'constant',
  cval: 0,
};

export { DEFAULT_WORKERS };

const monitorSchema = z.string().min(1);

/** Everything a training run is made of; saved as the run's config.json (and read back by --resume). */
export const trainConfigSchema = z.object({
  data: z.string().min(1),
  /** A separate validation folder; default: `<data>/validation` or `<data>/test` when present, else a split of the training folder. */
  validationData: z.string().optional(),
  validationSplit: z.number().min(0).max(0.9).default(0.2),
  model: z.enum(['lenet', 'vgg16']).default('lenet'),
  epochs: z.number().int().min(1).default(30),
  batchSize: z.number().int().min(1).default(32),
  learningRate: z.number().positive().default(1e-3),
  seed: z.number().int().default(42),
  backend: z.enum(BACKEND_CHOICES).default(DEFAULT_BACKEND),
  /** What the backend choice came to, with the GPU adapter for webgpu (the trainer writes it; informational). */
  backendUsed: z.string().optional(),
  /** WASM threads (1 by default: a second thread is measured to help little and unevenly here; see BENCHMARKS.md). */
  threads: z.number().int().min(1).max(16).optional(),
  /** Worker threads that each compute the gradients of a slice of every batch (1: one engine, no workers). */
  workers: z.number().int().min(1).max(16).default(DEFAULT_WORKERS),
  preprocess: preprocessSpecSchema,
  /** ImageDataGenerator options (Keras names, camelCased), applied after preprocessing. */
  augment: z.record(z.string(), z.unknown()).default(DEFAULT_AUGMENT),
  // `.prefault({})` fills a missing object from its fields' own defaults, so each default is written once.
  reduceLr: z
    .object({ monitor: monitorSchema.default('val_loss'), factor: z.number().default(0.5), patience: z.number().int().default(3), minLr: z.number().default(1e-5) })
    .prefault({}),
  earlyStopping: z
    .object({ monitor: monitorSchema.default('val_accuracy'), patience: z.number().int().default(10), restoreBestWeights: z.boolean().default(true) })
    .prefault({}),
  checkpoint: z.object({ monitor: monitorSchema.default('val_accuracy'), saveBestOnly: z.boolean().default(true) }).prefault({}),
  /** VGG16 transfer learning: where the ImageNet weights come from, and optional block5 fine-tuning. */
  vgg16: z
    .object({
      /** The Keras notop HDF5 file; default: the cache folder, else a one-time verified download. */
      weights: z.string().optional(),
      /** Epochs of fine-tuning block5 with the head, after the head alone (0: none). */
      fineTuneEpochs: z.number().int().min(0).default(0),
      fineTuneLearningRate: z.number().positive().default(1e-5),
      /** Divides every block's width: 1 is VGG16; larger makes narrow copies (tests). */
      widthDivisor: z.number().int().min(1).default(1),
    })
    .prefault({}),
  /** The card's answer rule: core's schema, so the card and the run share one default (minConfidence 0.9). */
  decision: decisionSchema.prefault({}),
  /** Cap on training batches per epoch (for quick runs and tests); default: the whole data set. */
  stepsPerEpoch: z.number().int().min(1).optional(),
  name: z.string().default('ox'),
});

export type TrainConfig = z.output<typeof trainConfigSchema>;
export type TrainConfigInput = z.input<typeof trainConfigSchema>;
