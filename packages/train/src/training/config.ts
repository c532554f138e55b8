import { preprocessSpecSchema, type PreprocessSpecInput } from '@inkling/core';
import { z } from 'zod';

/** The default model's preprocessing: the ink (against paper that follows the light), polarity-normalised, stretched and framed. */
export function defaultSpec(size: number, color: 'grayscale' | 'rgb'): PreprocessSpecInput {
  if (color === 'rgb') return { size: [size, size], colorMode: 'rgb', resize: 'area', rescale: 1 / 255 };
  return {
    size: [size, size],
    colorMode: 'grayscale',
    paper: 'local',
    polarity: 'ink-bright',
    contrast: { method: 'stretch', floor: 0.2 },
    crop: { method: 'ink-bbox', margin: 0.15, square: true, ignoreEdgeLines: true },
    resize: 'area',
    rescale: 1 / 255,
  };
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
  backend: z.enum(['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu']).default('auto'),
  /** What the backend choice came to, with the GPU adapter for webgpu (the trainer writes it; informational). */
  backendUsed: z.string().optional(),
  /** WASM threads (1 by default: a second thread is measured to help little and unevenly here; see BENCHMARKS.md). */
  threads: z.number().int().min(1).max(16).optional(),
  preprocess: preprocessSpecSchema,
  /** ImageDataGenerator options (Keras names, camelCased), applied after preprocessing. */
  augment: z.record(z.string(), z.unknown()).default(DEFAULT_AUGMENT),
  reduceLr: z
    .object({ monitor: monitorSchema.default('val_accuracy'), factor: z.number().default(0.5), patience: z.number().int().default(2), minLr: z.number().default(1e-5) })
    .default({ monitor: 'val_accuracy', factor: 0.5, patience: 2, minLr: 1e-5 }),
  earlyStopping: z
    .object({ monitor: monitorSchema.default('val_accuracy'), patience: z.number().int().default(10), restoreBestWeights: z.boolean().default(true) })
    .default({ monitor: 'val_accuracy', patience: 10, restoreBestWeights: true }),
  checkpoint: z.object({ monitor: monitorSchema.default('val_accuracy'), saveBestOnly: z.boolean().default(true) }).default({ monitor: 'val_accuracy', saveBestOnly: true }),
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
    .default({ fineTuneEpochs: 0, fineTuneLearningRate: 1e-5, widthDivisor: 1 }),
  /**
   * The card's answer rule. minConfidence 0.9 was chosen on measurements (models/ox/README.md): real
   * drawings stay certain while a share of non-O/X shapes is flagged "uncertain".
   */
  decision: z
    .object({ threshold: z.number().min(0).max(1).default(0.5), minConfidence: z.number().min(0).max(1).default(0.9) })
    .default({ threshold: 0.5, minConfidence: 0.9 }),
  /** Cap on training batches per epoch (for quick runs and tests); default: the whole data set. */
  stepsPerEpoch: z.number().int().min(1).optional(),
  name: z.string().default('ox'),
});

export type TrainConfig = z.output<typeof trainConfigSchema>;
export type TrainConfigInput = z.input<typeof trainConfigSchema>;
