import { preprocessToArray, type PreprocessSpec, type RawImage } from '@inkling/core';
import sharp from 'sharp';
import { readImage } from '../../data/read-image.js';
import { modelInputToImage } from './model-view.js';

export type Rgb = readonly [number, number, number];

function rawInput(image: RawImage) {
  return { raw: { width: image.width, height: image.height, channels: image.channels } } as const;
}

/**
 * The image as a square thumbnail, its transparency composited onto `background` (as core
 * preprocessing does). Small images are enlarged with nearest-neighbour so their pixels stay honest.
 */
export async function originalThumbnail(image: RawImage, size: number, background: Rgb): Promise<Buffer> {
  const bg = { r: background[0], g: background[1], b: background[2] };
  const enlarging = Math.max(image.width, image.height) < size;
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), rawInput(image))
    .flatten({ background: bg })
    .resize(size, size, { fit: 'contain', background: bg, kernel: enlarging ? 'nearest' : 'lanczos3' })
    .png()
    .toBuffer();
}

/** What the model saw, enlarged without smoothing to a `size` square (padded grey if not square). */
export async function modelViewThumbnail(input: RawImage, size: number): Promise<Buffer> {
  return sharp(Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength), rawInput(input))
    .resize(size, size, { fit: 'contain', background: { r: 128, g: 128, b: 128 }, kernel: 'nearest' })
    .png()
    .toBuffer();
}

export interface ImageViews {
  /** PNG thumbnail of the file as stored. */
  original: Buffer;
  /** PNG of the preprocessed input, recomputed from the file with the model's spec. */
  input: Buffer;
}

/**
 * Reads an image file and makes both views of it. The model's view is recomputed from the file
 * with core's preprocessing (the same call training and serving make), not taken from a cache.
 */
export async function imageViews(path: string, spec: PreprocessSpec, size: number): Promise<ImageViews> {
  const raw = await readImage(path);
  const pre = preprocessToArray(raw, spec);
  const [original, input] = await Promise.all([originalThumbnail(raw, size, spec.background), modelViewThumbnail(modelInputToImage(pre.data, pre.shape, spec), size)]);
  return { original, input };
}
