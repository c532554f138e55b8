import { z } from 'zod';
import { DECISION_REASONS } from '../card/decision.js';

const probability = z.number().min(0).max(1);

/**
 * The answer to POST /classify: the card's decision for the image, and what answered. The edge builds
 * it, the page reads it; both take the type from this one schema.
 */
export const classifyResponseSchema = z
  .object({
    label: z.string(),
    probability,
    scores: z.record(z.string(), probability),
    uncertain: z.boolean(),
    reason: z.enum(DECISION_REASONS).optional(),
    model: z.object({ name: z.string(), version: z.string() }),
    /** The decoded image's size, before preprocessing. */
    input: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
    /** The tfjs backend that ran the model. */
    backend: z.string(),
  })
  .refine((r) => r.label in r.scores, { path: ['label'], message: 'the label must be one of the scores' });

export type ClassifyResponse = z.infer<typeof classifyResponseSchema>;

/** The body of every refusal: `{ error: { code, message } }`. */
export const apiErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
