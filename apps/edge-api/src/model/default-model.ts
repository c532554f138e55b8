// The shipped default model, models/ox at the repository root. Resolved through the
// `inkling-model` alias, so a different model can be bundled without editing code.
import card from '../../../../models/ox/card.json';
import modelJson from '../../../../models/ox/model.json';
import weights from '../../../../models/ox/weights.bin';
import type { BundledModel } from './bundled-model.js';

const model: BundledModel = { card, modelJson, weights };
export default model;
