import type { RawImage } from '../image/raw-image.js';
import { ImageDecodeError } from './errors.js';
import { readOrientation } from './exif-orientation.js';
import { jpegToRaw } from './jpeg.js';
import { applyOrientation } from './orientation.js';
import { pngToRaw } from './png.js';
import { readImageHeader, sniffFormat } from './sniff.js';

export { ImageDecodeError, type DecodeErrorCode } from './errors.js';

export interface DecodeLimits {
  /** Largest width × height accepted, checked on the header before decoding. */
  maxPixels?: number;
  /** Largest width or height accepted. */
  maxSide?: number;
}

export const DEFAULT_DECODE_LIMITS: Required<DecodeLimits> = { maxPixels: 4096 * 4096, maxSide: 8192 };

/** Checks the header's size against the limits; throws 'too-large' or 'corrupt'. */
export function checkImageSize(bytes: Uint8Array, limits: DecodeLimits = {}): { width: number; height: number } {
  const { maxPixels, maxSide } = { ...DEFAULT_DECODE_LIMITS, ...limits };
  const header = readImageHeader(bytes);
  if (!header) throw new ImageDecodeError('corrupt', 'the image header is missing or cut short');
  const { width, height } = header;
  if (width <= 0 || height <= 0) throw new ImageDecodeError('corrupt', `the image header gives a size of ${width}x${height}`);
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new ImageDecodeError('too-large', `the image is ${width}x${height}; the limit is ${maxSide} px a side and ${maxPixels} pixels`);
  }
  return { width, height };
}

/**
 * The one image decoder of Inkling: training, evaluate, predict, the robustness suite, the edge
 * Worker and the page all turn PNG and JPEG bytes into pixels here, with pure-JS decoders (fast-png,
 * jpeg-js), so every runtime sees the same bytes. The size in the header is checked against the limits
 * before any pixel is decoded; the EXIF orientation (JPEG APP1, PNG eXIf) is applied, so a phone photo
 * stands upright as its viewer shows it.
 */
export function decodeImage(bytes: Uint8Array, limits: DecodeLimits = {}): RawImage {
  if (bytes.length === 0) throw new ImageDecodeError('empty', 'the image is empty (0 bytes)');
  const format = sniffFormat(bytes);
  if (format !== 'png' && format !== 'jpeg') {
    throw new ImageDecodeError('unsupported-format', format ? `${format.toUpperCase()} images are not accepted here; send PNG or JPEG` : 'the bytes are not a PNG or JPEG image');
  }
  checkImageSize(bytes, limits);
  let stored: RawImage;
  try {
    stored = format === 'png' ? pngToRaw(bytes) : jpegToRaw(bytes, { ...DEFAULT_DECODE_LIMITS, ...limits }.maxPixels);
  } catch (err) {
    if (err instanceof ImageDecodeError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ImageDecodeError('corrupt', `the ${format.toUpperCase()} image is corrupt or truncated (${reason})`);
  }
  return applyOrientation(stored, readOrientation(bytes, format));
}
