export { frameBox, inkBoundingBox, type Box } from './crop.js';
export { findEdgeLines } from './edge-lines.js';
export { preprocessToArray, type InkInfo, type PreprocessResult } from './preprocess.js';
export { resizeRegion, type ResizeMethod } from './resize.js';
export {
  channelsOf,
  IMAGENET_CAFFE_MEAN_BGR,
  parsePreprocessSpec,
  preprocessSpecSchema,
  type PreprocessSpec,
  type PreprocessSpecInput,
} from './spec.js';
export { preprocess, toBatchTensor } from './tensor.js';
