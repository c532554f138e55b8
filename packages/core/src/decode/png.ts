import { decode as decodePng } from 'fast-png';
import type { RawImage } from '../image/raw-image.js';
import { ImageDecodeError } from './errors.js';

/** PNG bytes to gray, RGB or RGBA 8-bit pixels with fast-png (palettes, gray+alpha and 16-bit expanded). */
export function pngToRaw(bytes: Uint8Array): RawImage {
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
