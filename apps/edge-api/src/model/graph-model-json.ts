import { z } from 'zod';

/** The parts of a tfjs graph model.json the Worker relies on (one weights file, bundled). */
export const graphModelJsonSchema = z.object({
  format: z.literal('graph-model'),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(
      z.object({
        paths: z.array(z.string()),
        weights: z.array(
          z
            .object({
              name: z.string(),
              shape: z.array(z.number().int().min(0)),
              dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
            })
            .passthrough(),
        ),
      }),
    )
    .length(1, 'the Worker bundles exactly one weights file'),
});

export type GraphModelJson = z.infer<typeof graphModelJsonSchema>;
