import type { PreprocessSpecInput } from '@inkling/core';

/** Keras's VGG16 input size in the seed lesson. */
export const VGG16_DEFAULT_SIZE = 150;
/**
 * The input Keras's VGG16 expects, as a preprocessing spec for the model card: RGB at 0–255, then
 * `preprocess_input` ('caffe': RGB → BGR and the ImageNet channel means subtracted). `overrides` can
 * add steps that come before it (e.g. an ink-bbox crop for drawings).
 */
export function vgg16PreprocessSpec(size: number = VGG16_DEFAULT_SIZE, overrides: Partial<PreprocessSpecInput> = {}): PreprocessSpecInput {
  return { size: [size, size], colorMode: 'rgb', resize: 'area', ...overrides, rescale: 1, normalize: { method: 'caffe' } };
}

