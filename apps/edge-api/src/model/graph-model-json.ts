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

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Bytes the manifest's (unquantized) weights need, or null when it cannot tell. */
export function manifestBytes(json: GraphModelJson): number | null {
  let total = 0;
  for (const w of json.weightsManifest[0].weights) {
    const quantized = (w as { quantization?: unknown }).quantization !== undefined;
    const size = BYTES[w.dtype];
    if (quantized || size === undefined) return null;
    total += w.shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}
