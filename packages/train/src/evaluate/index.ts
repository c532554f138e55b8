export { evaluate, summarise } from './evaluate.js';
export { loadModel, ModelLoadError, readCard, resolveModelDir, type LoadedModel, type Predictor } from './load-model.js';
export type { ClassMetrics, EvaluationResult, Prediction } from './types.js';
