export { ExportError, UnsupportedLayerError } from './errors.js';
export { layersToGraph, INPUT_NAME, OUTPUT_NAME, type ConvertedGraph, type GraphWeight } from './layers-to-graph.js';
export { encodeWeights, quantizeUint8, QUANTIZATIONS, type EncodedWeights, type Quantization } from './quantize.js';
export { fileSizes, graphModelArtifacts, MODEL_FILE, toGraphModel, WEIGHTS_FILE, writeGraphModel, type GraphModelFiles, type GraphModelOptions, type WrittenFile } from './write-graph-model.js';
export { compareOnFolder, type ModelComparison } from './compare.js';
export { exportedCard } from './export-card.js';
export { exportModel, type ExportRequest, type ExportResult } from './export-model.js';
export { loadSourceModel, resolveSourceDir, type SourceModel } from './source-model.js';
