import jpeg from 'jpeg-js';
import type { RawImage } from '../image/raw-image.js';
import { ImageDecodeError } from './errors.js';
import { jpegFrame } from './jpeg-segments.js';

/** Names the JPEG kinds jpeg-js cannot decode, so they are refused as such rather than as "corrupt". */
function checkJpegKind(bytes: Uint8Array): void {
  const frame = jpegFrame(bytes);
  if (!frame) return; // the size check has already refused a missing frame header
  const kind =
    frame.marker === 0xc3 || frame.marker === 0xc7 || frame.marker === 0xcb || frame.marker === 0xcf
      ? 'lossless'
      : frame.marker >= 0xc9
        ? 'arithmetic-coded'
        : frame.marker >= 0xc5
          ? 'hierarchical'
          : null;
  if (kind) throw new ImageDecodeError('unsupported-format', `${kind} JPEG is not supported; save it as a baseline or progressive JPEG, or as PNG`);
  if (frame.precision !== 8) throw new ImageDecodeError('unsupported-format', `${frame.precision}-bit JPEG is not supported; save it as an 8-bit JPEG or PNG`);
}

/**
 * JPEG bytes (baseline, extended or progressive, 8-bit; gray, YCbCr, RGB or CMYK) to RGB pixels
 * with jpeg-js. Its integer IDCT and nearest-neighbour chroma upsampling give the same bytes in every
 * JavaScript engine.
 */
export function jpegToRaw(bytes: Uint8Array, maxPixels: number): RawImage {
  checkJpegKind(bytes);
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
