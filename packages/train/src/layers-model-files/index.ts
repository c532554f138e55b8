export { MODEL_JSON, ModelIOError, WEIGHTS_JSON } from './format.js';
export { fileSaveHandler, saveLayersModelToDir, saveWeightsToDir, writeArtifactsToDir, type SavedModel, type SaveOptions } from './save.js';
export { fileLoadHandler, loadLayersModelFromDir, loadWeightsFromDir, readModelArtifacts, readWeightsFromDir, type NamedTensor } from './load.js';
