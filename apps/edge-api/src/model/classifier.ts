import { decide, parseModelCard, preprocessToArray, sha256Hex, toBatchTensor, type Decision, type ModelCard, type PreprocessResult, type RawImage } from '@inkling/core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { StartedBackend } from '../backend/index.js';
import type { BundledModel } from './bundled-model.js';
import { createGraphRunner, type ModelOutput } from './graph-runner.js';
import { graphModelJsonSchema } from './graph-model-json.js';
import { planRun, weightEntries } from './run-plan.js';

/**
 * When the model's first run (its warm-up) happens. `load`: when workerd loads the Worker, so the
 * first request finds it warm. `first-request`: a streamed (large) model, whose one run takes longer
 * than the 1 s Cloudflare allows for start-up, warms up on the first request instead.
 */
export type WarmUp = 'load' | 'first-request';

export interface ClassifierStatus {
  warmUp: WarmUp;
  /** Whether the model has run at least once. */
  warm: boolean;
  /** `resident`: all weights stay in the backend; `streamed`: the large ones are made per segment on each run. */
  weights: 'resident' | 'streamed';
  segments: number;
  /** Float32 bytes of all weights, and of the largest streamed segment (0 when resident). */
  float32WeightBytes: number;
  peakSegmentWeightBytes: number;
  /** Milliseconds of start-up: backend, load (checks and graph), warm-up (0 when deferred). */
  startup: { backendMs: number; loadMs: number; warmUpMs: number };
}

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
  /** How the model is held and run, for /health. */
  status(): ClassifierStatus;
}

export interface LoadOptions {
  /** Float32 weight bytes up to which all weights stay resident (tests set 0 to force streaming). */
  residentBudgetBytes?: number;
  /** Weights smaller than this stay resident in a streamed model (tests set 0 to stream every one). */
  streamMinWeightBytes?: number;
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
 * output shape, weight bytes and their SHA-256) and runs it once, so the first request finds it warm
 * (a streamed model: on the first request, see WarmUp).
 */
export async function loadClassifier(bundle: BundledModel, startBackend: () => Promise<StartedBackend>, options: LoadOptions = {}): Promise<Classifier> {
  const t0 = performance.now();
  const card = parseModelCard(bundle.card);
  const parsed = graphModelJsonSchema.safeParse(bundle.modelJson);
  if (!parsed.success) throw new ModelLoadError(`model.json is not a tfjs graph model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (card.format !== 'tfjs-graph-model') throw new ModelLoadError(`the card says ${card.format}; the Worker serves tfjs-graph-model`);
  const json = parsed.data;
  const weights = new Uint8Array(bundle.weights);
  let expectedBytes: number;
  try {
    expectedBytes = weightEntries(json).reduce((sum, e) => sum + e.byteLength, 0);
  } catch (err) {
    throw new ModelLoadError(err instanceof Error ? err.message : String(err));
  }
  if (expectedBytes !== weights.byteLength) {
    throw new ModelLoadError(`the weights file has ${weights.byteLength} bytes; model.json's manifest needs ${expectedBytes}`);
  }
  const hash = await sha256Hex([weights]);
  if (hash !== card.weightsHash.value) throw new ModelLoadError(`the weights' SHA-256 ${hash} is not the card's ${card.weightsHash.value}: card and weights are from different models`);

  const plan = planRun(json, options);
  const backend = await startBackend();
  const runner = createGraphRunner(json, bundle.weights, plan);
  checkInputAgainstCard(runner.model, card);
  const loadMs = performance.now() - t0 - backend.ms;

  const [h, w, c] = card.input.shape;
  let warm = false;
  const run = async (input: PreprocessResult): Promise<ModelOutput> => {
    const x = toBatchTensor([input]);
    try {
      const out = await runner.run(x);
      // Graph models do not declare their output's shape: the first run shows it.
      if (!warm && (out.shape.length !== 2 || out.shape[1] !== card.output.units)) {
        throw new ModelLoadError(`the model outputs ${shapeText(out.shape)} for one image; the card says ${card.output.units} unit(s)`);
      }
      warm = true;
      return out;
    } finally {
      x.dispose();
    }
  };

  // The first run of each kernel is much slower (allocation, wasm tier-up): pay it now, unless the
  // model is streamed, whose one run is longer than the start-up Cloudflare allows.
  const warmUp: WarmUp = plan.segments ? 'first-request' : 'load';
  let warmUpMs = 0;
  if (warmUp === 'load') {
    const t1 = performance.now();
    const blank: PreprocessResult = { data: new Float32Array(h * w * c), shape: [h, w, c], ink: { paper: [255, 255, 255], contrast: 0, fraction: 0, blank: true, edgeLines: 0, region: { x: 0, y: 0, width: w, height: h } } };
    await run(blank);
    warmUpMs = performance.now() - t1;
  }

  return {
    card,
    backend,
    preprocess: (image) => preprocessToArray(image, card.preprocess),
    infer: async (input) => (await run(input)).data,
    decide: (output, input) => decide(card, output, input.ink),
    status: () => ({
      warmUp,
      warm,
      weights: plan.segments ? 'streamed' : 'resident',
      segments: plan.segments?.length ?? 1,
      float32WeightBytes: plan.float32Bytes,
      peakSegmentWeightBytes: plan.peakSegmentBytes,
      startup: { backendMs: backend.ms, loadMs, warmUpMs },
    }),
  };
}
