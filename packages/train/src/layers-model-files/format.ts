/**
 * The on-disk layout of a saved model folder:
 *
 *   model.json               tfjs ModelJSON (topology, weightsManifest, trainingConfig when the
 *                            optimizer is included); the file that commits a save
 *   weights.<sha256:16>.bin  the weights (then the optimizer's, group 'optimizer'), named by content
 *
 * or, for weights only, `weights.json` (a ModelJSON without topology, format 'weights-only') in
 * place of model.json. Writers put the new weights file beside the old one and then rename the new
 * manifest over the old, so a reader sees the old model or the new one, never a mix, and a crash
 * mid-save leaves the previous save loadable.
 */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_JSON = 'weights.json';
export const WEIGHTS_ONLY_FORMAT = 'weights-only';
export const WEIGHTS_FILE = /^weights\.[0-9a-f]{16}\.bin$/;
/** Temporary names writeFileAtomic leaves behind when a process dies mid-write. */
export const STALE_TEMP = /^(model\.json|weights\.json|weights\.[0-9a-f]{16}\.bin)\.tmp-\d+-\d+$/;

export class ModelIOError extends Error {
  override readonly name = 'ModelIOError';
}
