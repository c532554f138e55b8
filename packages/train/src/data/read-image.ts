import { readFile } from 'node:fs/promises';
import type { RawImage } from '@inkling/core';
import { checkImageSize, decodeImage, sniffFormat } from '@inkling/core/decode';
import sharp from 'sharp';

/**
 * Reads an image file or its bytes into core's RawImage. PNG and JPEG, the formats the edge and the
 * page accept, go through core's `decodeImage`, the one decoder every runtime shares, so training,
 * evaluate, predict and the robustness suite see exactly the pixels `/classify` sees (EXIF orientation
 * applied the same way). Formats only training reads (WebP, GIF's first frame, TIFF, …) go through
 * sharp, turned upright by their EXIF orientation too; the edge refuses them, so nothing there can
 * disagree. A ImageDecodeError (empty, corrupt, too large) comes out as it is, naming the problem.
 */
export async function readImage(source: string | Uint8Array): Promise<RawImage> {
  const bytes = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source;
  const format = sniffFormat(bytes);
  if (format === 'png' || format === 'jpeg' || bytes.length === 0) return decodeImage(bytes);
  return readWithSharp(bytes);
}

async function readWithSharp(bytes: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(bytes, { failOn: 'error' }).autoOrient().ensureAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 4, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * The size from a file's header without decoding its pixels, so obviously broken files are skipped
 * before training. PNG and JPEG are checked as the decoder will check them (the same size limits);
 * throws naming the problem.
 */
export async function readImageSize(path: string): Promise<{ width: number; height: number }> {
  const bytes = new Uint8Array(await readFile(path));
  const format = sniffFormat(bytes);
  if (format === 'png' || format === 'jpeg') return checkImageSize(bytes);
  if (bytes.length === 0) throw new Error('the image is empty (0 bytes)');
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) throw new Error('no image size in the header');
  return { width: meta.width, height: meta.height };
}
