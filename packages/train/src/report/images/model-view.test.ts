import { preprocessToArray, type PreprocessSpecInput, type RawImage } from '@inkling/core';
import { describe, expect, it } from 'vitest';
import { modelInputToImage } from './model-view.js';

/** A 4×3 RGBA gradient, opaque. */
function gradient(): RawImage {
  const width = 4;
  const height = 3;
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([i * 20, 255 - i * 15, (i * 37) % 256, 255], i * 4);
  return { width, height, channels: 4, data };
}

const same = (spec: PreprocessSpecInput) => {
  const image = gradient();
  const pre = preprocessToArray(image, spec);
  return { image, shown: modelInputToImage(pre.data, pre.shape, spec) };
};

describe('modelInputToImage', () => {
  it('undoes rescale: an RGB input at the image size shows the image', () => {
    const { image, shown } = same({ size: [3, 4], colorMode: 'rgb', resize: 'nearest' });
    expect(shown.channels).toBe(3);
    for (let i = 0; i < 12; i++) for (let c = 0; c < 3; c++) expect(Math.abs(shown.data[i * 3 + c] - image.data[i * 4 + c])).toBeLessThanOrEqual(1);
  });

  it("undoes Keras's caffe normalisation (BGR, ImageNet means) back to RGB", () => {
    const { image, shown } = same({ size: [3, 4], colorMode: 'rgb', resize: 'nearest', rescale: 1, normalize: { method: 'caffe' } });
    for (let i = 0; i < 12; i++) for (let c = 0; c < 3; c++) expect(Math.abs(shown.data[i * 3 + c] - image.data[i * 4 + c])).toBeLessThanOrEqual(1);
  });

  it('undoes mean-std normalisation, and shows a grayscale input as one channel', () => {
    const { image, shown } = same({ size: [3, 4], colorMode: 'rgb', resize: 'nearest', normalize: { method: 'mean-std', mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3] } });
    for (let i = 0; i < 12; i++) for (let c = 0; c < 3; c++) expect(Math.abs(shown.data[i * 3 + c] - image.data[i * 4 + c])).toBeLessThanOrEqual(1);
    const gray = same({ size: [3, 4], colorMode: 'grayscale', resize: 'nearest' });
    expect(gray.shown.channels).toBe(1);
    const [r, g, b] = gray.image.data;
    expect(Math.abs(gray.shown.data[0] - (0.299 * r + 0.587 * g + 0.114 * b))).toBeLessThanOrEqual(1);
  });

  it('clamps values an augmentation pushed out of range, and checks the shape', () => {
    const shown = modelInputToImage(new Float32Array([-0.5, 0.5, 1.5]), [1, 3, 1], { size: [1, 3], colorMode: 'grayscale' });
    expect([...shown.data]).toEqual([0, 128, 255]);
    expect(() => modelInputToImage(new Float32Array(5), [1, 3, 1], { size: [1, 3], colorMode: 'grayscale' })).toThrow(/5 values/);
  });
});
