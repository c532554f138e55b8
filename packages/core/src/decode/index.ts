export { checkImageSize, decodeImage, DEFAULT_DECODE_LIMITS, ImageDecodeError, type DecodeErrorCode, type DecodeLimits } from './decode.js';
export { readImageHeader, sniffFormat, type ImageFormat, type ImageHeader } from './sniff.js';
