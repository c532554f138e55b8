export { checkImageSize, decodeImage, DEFAULT_DECODE_LIMITS, ImageDecodeError, type DecodeErrorCode, type DecodeLimits } from './decode.js';
export { readOrientation, type Orientation } from './exif-orientation.js';
export { applyOrientation, inverseOrientation } from './orientation.js';
export { readImageHeader, sniffFormat, type ImageFormat, type ImageHeader } from './sniff.js';
