/**
 * `@inkling/train`: the Node side of Inkling as a library; the `inkling` command line is built on it.
 */
export * from './backend/index.js';
export * from './callbacks/index.js';
export * from './data/index.js';
export { generateDataset, generateNegatives, DatasetError, NEGATIVE_SHAPES, type DatasetSummary, type GenerateDatasetOptions } from './dataset/index.js';
export * from './evaluate/index.js';
export * from './graph-export/index.js';
export * from './layers-model-files/index.js';
export { writeReport, type WriteReportOptions, type WrittenReport } from './report/index.js';
export { BLANKS, formatRobustness, NEITHER, runRobustness, TRANSFORMS, type RobustnessReport, type Transform } from './robustness/index.js';
export { DEFAULT_AUGMENT, defaultSpec, trainConfigSchema, type TrainConfig, type TrainConfigInput } from './training/config.js';
export { train, type TrainOptions, type TrainResult } from './training/train.js';
export { buildTransferModel, loadKerasWeights, resolveVgg16Weights, trainTransfer, vgg16PreprocessSpec } from './vgg16/index.js';
