/**
 * A model as it rides in the Worker bundle: the card and model.json imported as JSON, the weights
 * as bytes (wrangler's `Data` rule). Which model that is, is decided by the `inkling-model`
 * module alias (wrangler.jsonc; `scripts/dev-server.mjs --model <dir>` points it elsewhere).
 */
export interface BundledModel {
  card: unknown;
  modelJson: unknown;
  weights: ArrayBuffer;
}
