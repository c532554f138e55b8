/**
 * `@inkling/train/testing`: helpers for tests and benchmarks outside this package that need a Keras
 * VGG16 weights file without the real 58 MB download (the same writer this package's vgg16 tests use).
 */
export { kerasLayersOf, writeKerasH5, type KerasH5Layer, type KerasH5Style } from './vgg16/keras-h5.test-helpers.js';
