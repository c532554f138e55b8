import type { RawImage } from '@inkling/core';
import { z } from 'zod';
import { ApiError } from '../../http/errors.js';

/** A canvas's ImageData as the page sends it: straight-alpha RGBA bytes, base64. */
export const canvasImageSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  rgba: z.string().min(1, 'rgba is empty'),
});

export type CanvasImage = z.infer<typeof canvasImageSchema>;

export interface PixelLimits {
  maxPixels: number;
  maxSide: number;
}

export function checkPixelLimits(width: number, height: number, limits: PixelLimits): void {
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    throw new ApiError(413, 'image-too-large', `the image is ${width}x${height}; the limit is ${limits.maxSide} px a side and ${limits.maxPixels} pixels`);
  }
}

function decodeBase64(text: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The canvas as a RawImage (channels 4); the size is checked before the base64 is decoded. */
export function canvasToRawImage(canvas: CanvasImage, limits: PixelLimits): RawImage {
  const { width, height, rgba } = canvas;
  checkPixelLimits(width, height, limits);
  const bytes = width * height * 4;
  // Base64 takes 4 characters per 3 bytes; refuse a string whose length cannot be right before decoding it.
  const chars = rgba.replace(/\s+/g, '').length;
  if (chars !== Math.ceil(bytes / 3) * 4 && chars !== Math.ceil((bytes * 4) / 3)) {
    throw new ApiError(400, 'invalid-request', `rgba has ${chars} base64 characters; a ${width}x${height} RGBA image needs ${Math.ceil(bytes / 3) * 4}`);
  }
  let data: Uint8Array;
  try {
    data = decodeBase64(rgba);
  } catch {
    throw new ApiError(400, 'invalid-request', 'rgba is not valid base64');
  }
  if (data.length !== bytes) throw new ApiError(400, 'invalid-request', `rgba holds ${data.length} bytes; a ${width}x${height} RGBA image needs ${bytes}`);
  return { width, height, channels: 4, data };
}
