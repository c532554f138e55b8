import { decide, parseModelCard, preprocessToArray, sha256Hex, toBatchTensor, type Decision, type ModelCard, type PreprocessResult, type RawImage } from '@inkling/core';
import { loadGraphModelSync, type GraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { StartedBackend } from '../backend/index.js';
import type { BundledModel } from './bundled-model.js';
import { graphModelJsonSchema, manifestBytes } from './graph-model-json.js';

/** One loaded model, with the card that says how to feed it and how to read its output. */
export interface Classifier {
  readonly card: ModelCard;
  readonly backend: StartedBackend;
  /** The card's preprocessing, exactly as training applied it. */
  preprocess(image: RawImage): PreprocessResult;
  /** The model's raw output for one preprocessed image. */
  infer(input: PreprocessResult): Promise<Float32Array>;
  /** The card's decision rule on that output. */
  decide(output: Float32Array, input: PreprocessResult): Decision;
}

export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

function shapeText(shape: readonly (number | null | undefined)[] | undefined): string {
  return `[${(shape ?? []).map((d) => (d == null || d < 0 ? '?' : d)).join(', ')}]`;
}

/** Checks the graph model's input against its card, so a mismatched pair fails at start-up. */
function checkInputAgainstCard(model: Pick<GraphModel, 'inputs'>, card: ModelCard): void {
  const input = model.inputs[0]?.shape;
  const [h, w, c] = card.input.shape;
  if (model.inputs.length !== 1 || !input || input.length !== 4 || input[1] !== h || input[2] !== w || input[3] !== c) {
    throw new ModelLoadError(`the model's input ${shapeText(input)} does not match the card's ${h}x${w}x${c}`);
  }
}

/**
 * Starts a tfjs backend, loads the bundled graph model, checks it against its card (input and
 * output shape, weight bytes and their SHA-256) and runs it once, so the first request finds it warm.
 */
export async function loadClassifier(bundle: BundledModel, startBackend: () => Promise<StartedBackend>): Promise<Classifier> {
  const card = parseModelCard(bundle.card);
  const parsed = graphModelJsonSchema.safeParse(bundle.modelJson);
  if (!parsed.success) throw new ModelLoadError(`model.json is not a tfjs graph model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (card.format !== 'tfjs-graph-model') throw new ModelLoadError(`the card says ${card.format}; the Worker serves tfjs-graph-model`);
  const json = parsed.data;
  const weights = new Uint8Array(bundle.weights);
  const expectedBytes = manifestBytes(json);
  if (expectedBytes !== null && expectedBytes !== weights.byteLength) {
    throw new ModelLoadError(`the weights file has ${weights.byteLength} bytes; model.json's manifest needs ${expectedBytes}`);
  }
  const hash = await sha256Hex([weights]);
  if (hash !== card.weightsHash.value) throw new ModelLoadError(`the weights' SHA-256 ${hash} is not the card's ${card.weightsHash.value}: card and weights are from different models`);

  const backend = await startBackend();
  const model = loadGraphModelSync({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0].weights as tf.io.WeightsManifestEntry[],
    weightData: bundle.weights,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  });
  checkInputAgainstCard(model, card);

  const run = async (input: PreprocessResult): Promise<{ data: Float32Array; shape: number[] }> => {
    const x = toBatchTensor([input]);
    try {
      const y = model.execute(x) as tf.Tensor;
      try {
        return { data: (await y.data()) as Float32Array, shape: y.shape };
      } finally {
        y.dispose();
      }
    } finally {
      x.dispose();
    }
  };

  // The first run of each kernel is much slower (allocation, wasm tier-up): pay it now. It also
  // shows the output's shape, which graph models do not declare.
  const [h, w, c] = card.input.shape;
  const blank: PreprocessResult = { data: new Float32Array(h * w * c), shape: [h, w, c], ink: { paper: [255, 255, 255], contrast: 0, fraction: 0, blank: true, edgeLines: 0, region: { x: 0, y: 0, width: w, height: h } } };
  const warm = await run(blank);
  if (warm.shape.length !== 2 || warm.shape[1] !== card.output.units) {
    throw new ModelLoadError(`the model outputs ${shapeText(warm.shape)} for one image; the card says ${card.output.units} unit(s)`);
  }

  return {
    card,
    backend,
    preprocess: (image) => preprocessToArray(image, card.preprocess),
    infer: async (input) => (await run(input)).data,
    decide: (output, input) => decide(card, output, input.ink),
  };
}
