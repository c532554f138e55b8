/**
 * `@inkling/core/augment`: Keras ImageDataGenerator augmentation for tfjs batches, seeded and isomorphic.
 * See README.md in this folder for the differences from Keras that remain.
 */
export { applyTransformsToBatch, type ApplyConfig } from './apply.js';
export { ImageDataGenerator, type FlowOptions } from './generator.js';
export { inverseMapping, kerasAffineMatrix, toProjective, type Matrix3 } from './matrix.js';
export {
  AUGMENT_OPTION_NAMES,
  augmentOptionsSchema,
  describeAugmentOptions,
  FILL_MODES,
  InvalidAugmentOptionsError,
  isIdentityOptions,
  parseAugmentOptions,
  type AugmentOptions,
  type AugmentOptionsInput,
  type FillMode,
  type ShiftRange,
} from './options.js';
export { IDENTITY_PARAMS, randomTransform, type TransformParams } from './params.js';
