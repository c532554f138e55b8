export type { BundledModel } from './bundled-model.js';
export { loadClassifier, ModelLoadError, type Classifier } from './classifier.js';
