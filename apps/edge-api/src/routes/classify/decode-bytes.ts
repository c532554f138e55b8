import type { RawImage } from '@inkling/core';
import { decodeImage, ImageDecodeError } from '@inkling/core/decode';
import { ApiError } from '../../http/errors.js';
import type { PixelLimits } from './canvas-json.js';

/**
 * PNG or JPEG bytes to a RawImage with core's `decodeImage`, the one decoder training, `inkling
 * predict` and the page use too (EXIF orientation applied), so the pixels are the same bytes everywhere.
 * The size in the header is checked against the limits before a pixel is decoded (a 20,000×20,000 PNG
 * of a few KB costs nothing). The format comes from the bytes, not the Content-Type, so a JPEG labelled
 * image/png still works.
 */
export function decodeBytes(bytes: Uint8Array, limits: PixelLimits, what = 'the body'): RawImage {
  try {
    return decodeImage(bytes, { maxPixels: limits.maxPixels, maxSide: limits.maxSide });
  } catch (err) {
    if (!(err instanceof ImageDecodeError)) throw err;
    switch (err.code) {
      case 'empty':
        throw new ApiError(400, 'empty-body', `${what} is empty; send a PNG or JPEG image`);
      case 'unsupported-format':
        throw new ApiError(400, 'not-an-image', `${what}: ${err.message}`);
      case 'too-large':
        throw new ApiError(413, 'image-too-large', err.message);
      case 'corrupt':
        throw new ApiError(400, 'corrupt-image', err.message);
    }
  }
}
