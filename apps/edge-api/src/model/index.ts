export type { BundledModel } from './bundled-model.js';
export { loadClassifier, ModelLoadError, type Classifier, type ClassifierStatus, type LoadOptions, type WarmUp } from './classifier.js';
