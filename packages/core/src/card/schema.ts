import { z } from 'zod';
import { preprocessSpecSchema } from '../preprocess/spec.js';

const count = z.number().int().min(0);

/** How a served model turns its output into an answer; see `decide`. */
export const decisionSchema = z.object({
  /** Binary models: the positive class (labels[1]) wins at or above this probability. */
  threshold: z.number().min(0).max(1).default(0.5),
  /**
   * The answer is "uncertain" when the winning class's probability is below this. 0.9 was chosen on
   * measurements (models/ox/README.md): real drawings stay certain while a share of non-O/X shapes is
   * flagged "uncertain". The one default: training's config takes its decision rule from this schema.
   */
  minConfidence: z.number().min(0).max(1).default(0.9),
  /** A blank or near-blank image (see the preprocess spec's `ink`) is always "uncertain". */
  blankIsUncertain: z.boolean().default(true),
});

const evaluationSchema = z.object({
  data: z.string(),
  images: count,
  accuracy: z.number().min(0).max(1),
  loss: z.number().optional(),
  note: z.string().optional(),
});

export const modelCardSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().default(''),
    createdAt: z.string(),
    /** Class names in class-index order (Keras's class_indices order: sorted folder names). */
    labels: z.array(z.string().min(1)).min(2),
    input: z.object({ shape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.union([z.literal(1), z.literal(3)])]) }),
    output: z.object({ activation: z.enum(['sigmoid', 'softmax']), units: z.number().int().positive() }),
    preprocess: preprocessSpecSchema,
    decision: decisionSchema.prefault({}),
    architecture: z.object({
      name: z.string(),
      params: z.object({ total: count, trainable: count }),
    }),
    format: z.enum(['tfjs-graph-model', 'tfjs-layers-model']),
    quantization: z.enum(['none', 'float16', 'uint8']).default('none'),
    files: z.object({
      model: z.string().default('model.json'),
      weights: z.array(z.string()),
      /** Bytes of model.json plus weights as stored, and gzipped (what a Worker bundle pays). */
      bytes: count,
      gzipBytes: count.optional(),
    }),
    /** SHA-256 of the weight bytes as stored, in manifest order. */
    weightsHash: z.object({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/) }),
    training: z
      .object({
        data: z.object({
          name: z.string(),
          source: z.string(),
          seed: z.number().int().optional(),
          /** Images per split and class, e.g. { train: { o: 900, x: 900 } }. */
          counts: z.record(z.string(), z.record(z.string(), count)),
        }),
        epochs: count,
        batchSize: count,
        seed: z.number().int(),
        backend: z.string(),
        augmentation: z.record(z.string(), z.unknown()).default({}),
        command: z.string().optional(),
      })
      .optional(),
    metrics: z.record(z.string(), z.number()).default({}),
    evaluations: z.array(evaluationSchema).default([]),
    versions: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((card, ctx) => {
    const [h, w, c] = card.input.shape;
    const [ph, pw] = card.preprocess.size;
    const pc = card.preprocess.colorMode === 'rgb' ? 3 : 1;
    if (h !== ph || w !== pw || c !== pc) {
      ctx.addIssue({ code: 'custom', path: ['input', 'shape'], message: `input shape ${h}x${w}x${c} does not match the preprocess spec's ${ph}x${pw}x${pc}` });
    }
    const units = card.output.activation === 'sigmoid' ? 1 : card.labels.length;
    if (card.output.units !== units) {
      ctx.addIssue({ code: 'custom', path: ['output', 'units'], message: `${card.labels.length} labels with ${card.output.activation} need ${units} output unit(s), card says ${card.output.units}` });
    }
    if (card.output.activation === 'sigmoid' && card.labels.length !== 2) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'a sigmoid output needs exactly two labels' });
    }
  });

export type ModelCardInput = z.input<typeof modelCardSchema>;
export type ModelCard = z.output<typeof modelCardSchema>;

export class InvalidModelCardError extends Error {
  override readonly name = 'InvalidModelCardError';
}

/** Parses and checks a model card; the error names every field that is wrong. */
export function parseModelCard(json: unknown): ModelCard {
  const result = modelCardSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(card)'}: ${i.message}`).join('; ');
    throw new InvalidModelCardError(`invalid model card: ${problems}`);
  }
  return result.data;
}
