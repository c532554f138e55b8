export {
  DEFAULT_COUNT,
  DEFAULT_SEED,
  DEFAULT_TEST_FRACTION,
  GENERATOR_VERSION,
  generateDataset,
  generateNegatives,
  type DatasetSummary,
  type GenerateDatasetOptions,
  type GenerateNegativesOptions,
} from './generate.js';
export { DatasetError, type ManifestEntry } from './write-set.js';
export { STYLES, STYLE_DESCRIPTIONS, STYLE_WEIGHTS, type Style } from './styles.js';
export { NEGATIVE_SHAPES, type NegativeShape } from './marks/negatives.js';
export { O_VARIANTS } from './marks/o-strokes.js';
export { X_VARIANTS } from './marks/x-strokes.js';
export { FONT_FAMILIES } from './marks/fonts.js';
export type { ImageFacts } from './image.js';
