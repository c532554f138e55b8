export { layersToGraph, UnsupportedLayerError, type ConvertedGraph, type GraphWeight } from './layers-to-graph.js';
export { toGraphModel, writeGraphModel, WEIGHTS_FILE, type GraphModelFiles } from './write-graph-model.js';
