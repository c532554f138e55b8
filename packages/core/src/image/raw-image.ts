/**
 * A decoded image as plain bytes, the one currency every runtime shares: sharp produces it in Node,
 * a canvas's ImageData in the browser, the pure-JS decoders in Workers.
 * Pixels are row-major and interleaved; channels are gray (1), RGB (3) or RGBA (4, not premultiplied).
 */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export class InvalidImageError extends Error {
  override readonly name = 'InvalidImageError';
}

/** Throws InvalidImageError naming what is wrong; returns the image typed as valid. */
export function assertRawImage(image: RawImage): RawImage {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new InvalidImageError(`image size must be positive integers, got ${width}x${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new InvalidImageError(`image channels must be 1, 3 or 4, got ${String(channels)}`);
  }
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new InvalidImageError(
      `image data has ${data.length} bytes; ${width}x${height}x${channels} needs ${expected}`,
    );
  }
  return image;
}

/** Wraps a canvas ImageData (always RGBA) without copying. */
export function fromImageData(imageData: { width: number; height: number; data: Uint8ClampedArray }): RawImage {
  return assertRawImage({ width: imageData.width, height: imageData.height, channels: 4, data: imageData.data });
}
