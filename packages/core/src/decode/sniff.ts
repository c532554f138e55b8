import { jpegFrame } from './jpeg-segments.js';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** The image format from its magic bytes, or null when it is none we know. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  return null;
}

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** PNG: the IHDR chunk must come first, with the size at bytes 16–23. */
function pngHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 24 || String.fromCharCode(b[12], b[13], b[14], b[15]) !== 'IHDR') return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** JPEG: the size from the first start-of-frame segment. */
function jpegHeader(b: Uint8Array): ImageHeader | null {
  const frame = jpegFrame(b);
  return frame ? { format: 'jpeg', width: frame.width, height: frame.height } : null;
}

function gifHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 10) return null;
  return { format: 'gif', width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8) };
}

function webpHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === 'VP8 ') return { format: 'webp', width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { format: 'webp', width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  return null;
}

/**
 * The format and pixel size read from the header alone, without decoding, so that a huge image can
 * be refused before it costs anything. Null when the bytes are no known image or the header is cut.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  switch (sniffFormat(bytes)) {
    case 'png':
      return pngHeader(bytes);
    case 'jpeg':
      return jpegHeader(bytes);
    case 'gif':
      return gifHeader(bytes);
    case 'webp':
      return webpHeader(bytes);
    default:
      return null;
  }
}
