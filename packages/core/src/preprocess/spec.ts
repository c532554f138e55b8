import { z } from 'zod';

const byte = z.number().int().min(0).max(255);

/**
 * How an image becomes the model's input. It is data, not code: it travels inside the model card so
 * that training, the edge and the page apply exactly the same steps. The steps run in this order:
 *
 * 1. alpha is composited onto `background` (a transparent canvas must not turn black); an image larger
 *    than the work needs (over 4 × the input size and over 384 px) is first shrunk by area averaging;
 * 2. `colorMode`: grayscale (ITU-R 601 luma, as PIL's convert('L')) or rgb;
 *    with `polarity` 'ink-bright' / 'ink-dark' the single channel is instead the *ink map*: each pixel's
 *    largest per-channel distance from the paper colour (the median of the border), so dark-on-light,
 *    light-on-dark and coloured ink all come out the same way round;
 * 3. `contrast` 'stretch' scales the ink map so the ink's strong end is full scale and lifts the floor
 *    (uneven light, paper grain and JPEG noise fall below it);
 * 4. `crop` 'ink-bbox' keeps the ink's bounding box plus a margin, squared (or stretched up to
 *    `stretch`:1); with `ignoreEdgeLines`, straight lines along the image's edges (tic-tac-toe grid
 *    lines, ruled lines) that run its whole length are found and left out of the box and, in the
 *    ink map, erased; with `isolateMark`, bands and frames along the border and strays reaching in
 *    from it are dropped the same way, and a light mark on dark paper framed in light is read the
 *    right way round;
 * 5. `resize` to `size` ('area' averages when shrinking and interpolates bilinearly when enlarging);
 * 6. `rescale` multiplies, then `normalize` (e.g. 'caffe', Keras's VGG16 preprocess_input: BGR and
 *    ImageNet mean subtraction, on 0–255 values, so rescale must be 1).
 */
export const preprocessSpecSchema = z
  .object({
    /** [height, width] of the model input. */
    size: z.tuple([z.number().int().min(1).max(1024), z.number().int().min(1).max(1024)]),
    colorMode: z.enum(['grayscale', 'rgb']),
    background: z.tuple([byte, byte, byte]).default([255, 255, 255]),
    /**
     * Where the paper colour comes from when finding the ink: 'border', one colour (the border's
     * median); 'local', the border's colour with its brightness followed region by region, which
     * evens out shadows and vignettes in phone photos.
     */
    paper: z.enum(['border', 'local']).default('border'),
    polarity: z.enum(['keep', 'ink-bright', 'ink-dark']).default('keep'),
    contrast: z
      .discriminatedUnion('method', [
        z.object({ method: z.literal('none') }),
        z.object({
          method: z.literal('stretch'),
          /** Fraction of the ink's strength below which a pixel counts as paper (0). */
          floor: z.number().min(0).max(0.9).default(0.2),
        }),
      ])
      .default({ method: 'none' }),
    crop: z
      .discriminatedUnion('method', [
        z.object({ method: z.literal('none') }),
        z.object({
          method: z.literal('ink-bbox'),
          /** Margin on every side, as a fraction of the bounding box's longer side. */
          margin: z.number().min(0).max(2).default(0.15),
          square: z.boolean().default(true),
          /**
           * With `square`, how far the box may be stretched to fill the square input: its longer side
           * may be up to this many times its shorter side (1: keep the mark's aspect).
           */
          stretch: z.number().min(1).max(8).default(1),
          ignoreEdgeLines: z.boolean().default(true),
          /**
           * Keep only the mark: drop bands, frames and lines along the border and a neighbour's
           * stroke reaching in from it (connected components), and take paper for ink when the
           * "ink" is thicker than the "paper" (a light mark in a dark cell framed in light).
           */
          isolateMark: z.boolean().default(false),
        }),
      ])
      .default({ method: 'none' }),
    resize: z.enum(['area', 'bilinear', 'nearest']).default('area'),
    rescale: z.number().positive().default(1 / 255),
    normalize: z
      .discriminatedUnion('method', [
        z.object({ method: z.literal('none') }),
        z.object({ method: z.literal('mean-std'), mean: z.array(z.number()).min(1), std: z.array(z.number().positive()).min(1) }),
        z.object({ method: z.literal('caffe') }),
      ])
      .default({ method: 'none' }),
    /** What counts as ink, for cropping and for telling a blank image. */
    ink: z
      .object({
        /** A pixel is ink when its ink strength is at least this fraction of the ink's full strength. */
        threshold: z.number().min(0).max(1).default(0.35),
        /** An image whose strongest ink is weaker than this (0–1 of full scale) is blank. */
        minContrast: z.number().min(0).max(1).default(0.12),
        /** An image with fewer ink pixels than this fraction of its area is blank. */
        minFraction: z.number().min(0).max(1).default(0.0004),
      })
      .prefault({}),
  })
  .superRefine((spec, ctx) => {
    if (spec.polarity !== 'keep' && spec.colorMode !== 'grayscale') {
      ctx.addIssue({ code: 'custom', path: ['polarity'], message: `polarity '${spec.polarity}' needs colorMode 'grayscale'` });
    }
    if (spec.contrast.method === 'stretch' && spec.polarity === 'keep') {
      ctx.addIssue({ code: 'custom', path: ['contrast'], message: "contrast 'stretch' needs polarity 'ink-bright' or 'ink-dark'" });
    }
    if (spec.normalize.method === 'caffe' && (spec.colorMode !== 'rgb' || spec.rescale !== 1)) {
      ctx.addIssue({ code: 'custom', path: ['normalize'], message: "normalize 'caffe' needs colorMode 'rgb' and rescale 1" });
    }
    const channels = spec.colorMode === 'rgb' ? 3 : 1;
    if (spec.normalize.method === 'mean-std') {
      const { mean, std } = spec.normalize;
      if (mean.length !== channels || std.length !== channels) {
        ctx.addIssue({ code: 'custom', path: ['normalize'], message: `mean and std need ${channels} values for colorMode '${spec.colorMode}'` });
      }
    }
  });

/** The spec as written in a card (defaults may be left out). */
export type PreprocessSpecInput = z.input<typeof preprocessSpecSchema>;
/** The spec with every default filled in. */
export type PreprocessSpec = z.output<typeof preprocessSpecSchema>;

export function parsePreprocessSpec(input: PreprocessSpecInput): PreprocessSpec {
  return preprocessSpecSchema.parse(input);
}

export function channelsOf(spec: Pick<PreprocessSpec, 'colorMode'>): 1 | 3 {
  return spec.colorMode === 'rgb' ? 3 : 1;
}

/** Keras's `VGG16.preprocess_input` means, in BGR order. */
export const IMAGENET_CAFFE_MEAN_BGR = [103.939, 116.779, 123.68] as const;
