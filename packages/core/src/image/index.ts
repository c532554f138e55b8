export { assertRawImage, fromImageData, InvalidImageError, type RawImage } from './raw-image.js';
