export { base64ToBytes, replayTestVectors, type VectorResult } from './replay.js';
export type { TestVector } from './types.js';
export { TEST_VECTORS } from './vectors.generated.js';
export { exampleCard, type ExampleCardOptions } from './example-card.js';
export { drawOX, type DrawOXOptions, type RgbaPicture } from './drawings.js';
export { exampleClassifyResponse } from './example-answer.js';
