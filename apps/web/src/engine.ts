// Everything that needs @inkling/core (and so zod) at run time. main.ts loads this module with a
// dynamic import(), so the page paints and takes strokes before the card parser and preprocessing
// have arrived.
import { fromImageData, preprocessToArray, type ModelCard, type PreprocessResult, type RawImage } from '@inkling/core';
import { classifyRemote } from './api/client.js';
import type { ClassifyInput } from './api/request.js';
import { classify, once, type ClassifierDeps, type Outcome } from './classify/classifier.js';
import { loadCard } from './model/card.js';
import { fitsInBrowser, MAX_FALLBACK_MODEL_BYTES, megabytes } from './model/fallback-size.js';
import { inputToRgba } from './model/input-image.js';

export interface Engine {
  readonly card: ModelCard;
  /** Core's preprocessing with the card's spec: the exact input both paths give the model. */
  preprocess(raw: RawImage): PreprocessResult;
  /** The model input as RGBA for showing it ([h, w] of the card's size). */
  inputPixels(result: PreprocessResult): Uint8ClampedArray;
  pixelsToRaw(image: ImageData): RawImage;
  classify(input: ClassifyInput, preprocessed: PreprocessResult, signal: AbortSignal): Promise<Outcome>;
}

export interface EngineOptions {
  apiBase: string;
  /** The folder with card.json and model.json, ending in '/'. */
  modelBase: string;
  timeoutMs?: number;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const card = await loadCard(`${options.modelBase}card.json`);
  const deps: ClassifierDeps = {
    card,
    remote: (input, signal) => classifyRemote(options.apiBase, input, { signal, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }),
    local: fitsInBrowser(card)
      ? once(async () => (await import('./model/local-model.js')).loadLocalModel(`${options.modelBase}model.json`))
      : { tooBig: `this model (${megabytes(card.files.bytes)}) is over the ${megabytes(MAX_FALLBACK_MODEL_BYTES)} the page downloads to answer by itself.` },
  };
  return {
    card,
    preprocess: (raw) => preprocessToArray(raw, card.preprocess),
    inputPixels: (result) => inputToRgba(result, card.preprocess),
    pixelsToRaw: (image) => fromImageData(image),
    classify: (input, preprocessed, signal) => classify(deps, input, preprocessed, signal),
  };
}
