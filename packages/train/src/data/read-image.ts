import type { RawImage } from '@inkling/core';
import sharp from 'sharp';

/**
 * Decodes an image file or its bytes (PNG, JPEG, WebP, GIF's first frame, TIFF…) with sharp into core's RawImage,
 * always RGBA so transparency reaches core's compositing. EXIF orientation is not applied, on purpose:
 * the edge's and the page's pure-JS decoders do not apply it either, and all three must see the same
 * pixels.
 */
export async function readImage(source: string | Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(source, { failOn: 'error' }).ensureAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
