import type { RawImage } from '@inkling/core';

/** Expands a gray, RGB or RGBA RawImage to the RGBA ImageData a canvas takes. */
export function rawToImageData(raw: RawImage): ImageData {
  const { width, height, channels, data } = raw;
  if (channels === 4) return new ImageData(new Uint8ClampedArray(data), width, height);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, o = 0; i < width * height; i++, o += 4) {
    const s = i * channels;
    out[o] = data[s];
    out[o + 1] = data[channels === 1 ? s : s + 1];
    out[o + 2] = data[channels === 1 ? s : s + 2];
    out[o + 3] = 255;
  }
  return new ImageData(out, width, height);
}
