export { decide, DECISION_REASONS, NONE_LABEL, type Decision } from './decision.js';
export { sha256Hex } from './hash.js';
export {
  decisionSchema,
  InvalidModelCardError,
  modelCardSchema,
  parseModelCard,
  type ModelCard,
  type ModelCardInput,
} from './schema.js';
