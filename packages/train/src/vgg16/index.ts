export { KerasWeightsError, KerasWeightsFile, type KerasLayer, type KerasWeight } from './h5/keras-weights-file.js';
export { loadKerasWeights, type LoadedWeights } from './load-weights.js';
export { DownloadError, downloadFile, md5OfFile, type DownloadOptions, type DownloadProgress } from './download.js';
export {
  cachedWeightsPath,
  defaultCacheDir,
  resolveVgg16Weights,
  VGG16_NOTOP_WEIGHTS,
  WeightsUnavailableError,
  type ResolvedWeights,
  type WeightsSourceOptions,
} from './weights-source.js';
export {
  assembleTransferModel,
  buildTransferModel,
  compileForClasses,
  DEFAULT_HEAD_UNITS,
  isBlock5,
  outputOf,
  setBaseTrainable,
  transferHead,
  transferModelOf,
  VGG16_DEFAULT_SIZE,
  vgg16PreprocessSpec,
  type TransferModel,
  type TransferModelOptions,
} from './transfer-model.js';
export { FeatureStore, FeatureStoreFullError, type FeatureStoreOptions } from './feature-store.js';
export { extractFeatures, featureKey, featureShapeAt, layersAfter, layersUpTo, runLayers, type ExtractOptions, type ExtractProgress, type FeatureCut, type FeatureSource, type LabelledBatch } from './features.js';
export { featureDataset, fitOnFeatures, type FitFeaturesOptions } from './fit-features.js';
export { trainTransfer, upperModel, withHead, type FineTuneOptions, type TransferTrainingOptions, type TransferTrainingResult } from './train-transfer.js';
