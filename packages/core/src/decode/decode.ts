import { decode as decodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import type { RawImage } from '../image/raw-image.js';
import { readImageHeader, sniffFormat } from './sniff.js';

export type DecodeErrorCode = 'unsupported-format' | 'corrupt' | 'too-large' | 'empty';

/** Why bytes could not become an image; `code` lets a server pick the HTTP status. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

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

function pngToRaw(bytes: Uint8Array): RawImage {
  const png = decodePng(bytes);
  const { width, height, palette } = png;
  const n = width * height;
  if (palette) {
    // Indexed colour: fast-png leaves indices, with the alpha of each entry in `transparency`.
    const out = new Uint8Array(n * 4);
    const alpha = png.transparency;
    for (let i = 0; i < n; i++) {
      const index = png.data[i];
      const entry = palette[index];
      if (!entry) throw new ImageDecodeError('corrupt', `the PNG uses palette entry ${index}, which it does not define`);
      out[i * 4] = entry[0];
      out[i * 4 + 1] = entry[1];
      out[i * 4 + 2] = entry[2];
      out[i * 4 + 3] = entry.length > 3 ? (entry[3] ?? 255) : alpha && index < alpha.length ? alpha[index] : 255;
    }
    return { width, height, channels: 4, data: out };
  }
  const channels = png.channels;
  // 16-bit samples keep their high byte; 1/2/4-bit gray is scaled to 0–255.
  const scale = png.depth === 16 ? 1 / 257 : png.depth < 8 ? 255 / ((1 << png.depth) - 1) : 1;
  const src = png.data;
  if (channels === 2) {
    const out = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) {
      const g = Math.round(src[i * 2] * scale);
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = g;
      out[i * 4 + 3] = Math.round(src[i * 2 + 1] * scale);
    }
    return { width, height, channels: 4, data: out };
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new ImageDecodeError('corrupt', `the PNG has ${channels} channels`);
  if (src.length !== n * channels) throw new ImageDecodeError('corrupt', 'the PNG pixel data is cut short');
  const out = scale === 1 && src instanceof Uint8Array ? src : Uint8Array.from(src, (v) => Math.round(v * scale));
  return { width, height, channels, data: out };
}

function jpegToRaw(bytes: Uint8Array, maxPixels: number): RawImage {
  // useTArray: jpeg-js otherwise makes a Node Buffer, which browsers and Workers do not have.
  // tolerantDecoding off: a truncated file is an error, not a half-grey picture.
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    tolerantDecoding: false,
    maxResolutionInMP: maxPixels / 1e6,
    maxMemoryUsageInMB: 512,
  });
  if (img.data.length !== img.width * img.height * 3) throw new ImageDecodeError('corrupt', 'the JPEG pixel data is cut short');
  return { width: img.width, height: img.height, channels: 3, data: img.data };
}

/**
 * Decodes PNG or JPEG bytes with pure-JS decoders (fast-png, jpeg-js), the same in every runtime.
 * The size in the header is checked against the limits before any pixel is decoded.
 */
export function decodeImage(bytes: Uint8Array, limits: DecodeLimits = {}): RawImage {
  if (bytes.length === 0) throw new ImageDecodeError('empty', 'the image is empty (0 bytes)');
  const format = sniffFormat(bytes);
  if (format !== 'png' && format !== 'jpeg') {
    throw new ImageDecodeError('unsupported-format', format ? `${format.toUpperCase()} images are not accepted here; send PNG or JPEG` : 'the bytes are not a PNG or JPEG image');
  }
  checkImageSize(bytes, limits);
  try {
    return format === 'png' ? pngToRaw(bytes) : jpegToRaw(bytes, { ...DEFAULT_DECODE_LIMITS, ...limits }.maxPixels);
  } catch (err) {
    if (err instanceof ImageDecodeError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ImageDecodeError('corrupt', `the ${format.toUpperCase()} image is corrupt or truncated (${reason})`);
  }
}
