import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { MODEL_JSON, ModelIOError, WEIGHTS_JSON } from './format.js';

/** A saved weight: its name in the manifest and its value. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/**
 * Reads `dir/model.json` (or `manifest`) and the weight files it names into tfjs's in-memory
 * artifacts, checking that each file is there and the bytes add up to what the manifest describes.
 */
export async function readModelArtifacts(dir: string, manifest = MODEL_JSON): Promise<tf.io.ModelArtifacts> {
  const path = join(dir, manifest);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ModelIOError(`no saved model at ${dir}: ${path} cannot be read`);
  }
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(text) as tf.io.ModelJSON;
  } catch (err) {
    throw new ModelIOError(`${path} is not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(json.weightsManifest)) throw new ModelIOError(`${path} has no weightsManifest: it is not a tfjs model`);
  if (manifest === MODEL_JSON && (json.modelTopology === undefined || json.modelTopology === null)) {
    throw new ModelIOError(`${path} has no modelTopology: it is not a tfjs layers model`);
  }
  return tf.io.getModelArtifactsForJSON(json, async (weightsManifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const group of weightsManifest) {
      specs.push(...group.weights);
      for (const p of group.paths) {
        try {
          const bytes = await readFile(join(dir, p));
          buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        } catch {
          throw new ModelIOError(`weight file ${join(dir, p)} named in ${path} cannot be read`);
        }
      }
    }
    const data = tf.io.concatenateArrayBuffers(buffers);
    const expected = expectedBytes(specs);
    if (expected !== undefined && expected !== data.byteLength) {
      throw new ModelIOError(`the weight files of ${path} hold ${data.byteLength} bytes but its manifest describes ${expected}: the save is incomplete or corrupt`);
    }
    return [specs, data];
  });
}

/** A tf.io load handler reading a folder written by saveLayersModelToDir / fileSaveHandler. */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return { load: () => readModelArtifacts(dir) };
}

/**
 * Loads a layers model saved in `dir`. When it was saved with its optimizer, the model comes back
 * compiled with that optimizer (and its learning rate) and the optimizer's state restored.
 */
export async function loadLayersModelFromDir(dir: string, options: { strict?: boolean } = {}): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(fileLoadHandler(dir), { strict: options.strict ?? true });
}

/**
 * The model weights (not the optimizer's) saved in `dir`, in the model's weight order, from
 * weights.json (a weights-only save) or model.json, whichever is newer. The caller owns the tensors.
 */
export async function readWeightsFromDir(dir: string): Promise<NamedTensor[]> {
  const artifacts = await readModelArtifacts(dir, await newestManifest(dir));
  const specs = artifacts.weightSpecs ?? [];
  const decoded = tf.io.decodeWeights(artifacts.weightData ?? new ArrayBuffer(0), specs);
  const named: NamedTensor[] = [];
  for (const spec of specs) {
    if (spec.group === 'optimizer') tf.dispose(decoded[spec.name]);
    else named.push({ name: spec.name, tensor: decoded[spec.name] });
  }
  return named;
}

/**
 * Sets `model`'s weights from a save in `dir` (weights-only or full), by position: the weight
 * names tfjs generates differ between two builds of the same architecture in one process, the
 * order and shapes do not. A different architecture is an error naming the first mismatch.
 */
export async function loadWeightsFromDir(model: tfl.LayersModel, dir: string): Promise<void> {
  const saved = await readWeightsFromDir(dir);
  try {
    const weights = model.weights;
    if (weights.length !== saved.length) {
      throw new ModelIOError(`the save in ${dir} holds ${saved.length} weights, the model has ${weights.length}: not the same architecture`);
    }
    weights.forEach((w, i) => {
      const s = saved[i].tensor.shape;
      if (w.shape.length !== s.length || w.shape.some((d, j) => d !== s[j])) {
        throw new ModelIOError(`weight ${i} (${w.name}) has shape [${w.shape.join(',')}] but the save in ${dir} has ${saved[i].name} with shape [${s.join(',')}]`);
      }
    });
    model.setWeights(saved.map((n) => n.tensor));
  } finally {
    tf.dispose(saved.map((n) => n.tensor));
  }
}

async function newestManifest(dir: string): Promise<string> {
  const mtime = async (name: string) => (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? -1;
  return (await mtime(WEIGHTS_JSON)) > (await mtime(MODEL_JSON)) ? WEIGHTS_JSON : MODEL_JSON;
}

function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const size = BYTES_PER_VALUE[dtype];
    if (size === undefined) return undefined; // strings: variable length, not checked
    total += spec.shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}
