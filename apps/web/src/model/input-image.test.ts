import { parsePreprocessSpec, preprocessToArray } from '@inkling/core';
import { describe, expect, it } from 'vitest';
import { inputToRgba } from './input-image.js';

describe('inputToRgba', () => {
  it('shows a grayscale input at the 0-255 levels the model was given', () => {
    const spec = parsePreprocessSpec({ size: [1, 3], colorMode: 'grayscale' });
    const rgba = inputToRgba({ data: new Float32Array([0, 0.5, 1]), shape: [1, 3, 1] }, spec);
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('undoes mean-std and caffe normalisation', () => {
    const meanStd = parsePreprocessSpec({ size: [1, 1], colorMode: 'rgb', normalize: { method: 'mean-std', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] } });
    expect(Array.from(inputToRgba({ data: new Float32Array([-2, 0, 2]), shape: [1, 1, 3] }, meanStd))).toEqual([0, 128, 255, 255]);

    const caffe = parsePreprocessSpec({ size: [1, 1], colorMode: 'rgb', rescale: 1, normalize: { method: 'caffe' } });
    const image = { width: 1, height: 1, channels: 3 as const, data: new Uint8Array([200, 100, 50]) };
    const pre = preprocessToArray(image, caffe);
    expect(Array.from(inputToRgba(pre, caffe))).toEqual([200, 100, 50, 255]);
  });

  it("round-trips core's preprocessing of a drawing (white ink on black for 'ink-bright')", () => {
    const spec = parsePreprocessSpec({ size: [8, 8], colorMode: 'grayscale', polarity: 'ink-bright', contrast: { method: 'stretch' } });
    const data = new Uint8Array(8 * 8 * 4).fill(255);
    for (let i = 0; i < 8; i++) data.fill(0, (i * 8 + 3) * 4, (i * 8 + 3) * 4 + 3);
    const pre = preprocessToArray({ width: 8, height: 8, channels: 4, data }, spec);
    const rgba = inputToRgba(pre, spec);
    expect(rgba[(0 * 8 + 3) * 4]).toBe(255);
    expect(rgba[(0 * 8 + 0) * 4]).toBe(0);
    for (let i = 0; i < 64; i++) expect(rgba[i * 4]).toBe(Math.round(pre.data[i] * 255));
  });
});
