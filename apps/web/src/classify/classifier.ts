import { decide, type Decision, type ModelCard, type PreprocessResult } from '@inkling/core';
import type { RemoteOutcome } from '../api/client.js';
import type { ClassifyInput } from '../api/request.js';
import type { LocalModel } from '../model/local-model.js';

export type AnsweredBy = 'edge' | 'browser';

export interface Answer extends Decision {
  answeredBy: AnsweredBy;
  model: { name: string; version: string };
  /** The tfjs backend that ran the model, where known. */
  backend?: string;
  /** Why the browser answered instead of the edge API. */
  fallbackReason?: string;
}

/**
 * `refused`: the API read the input and said no (the browser would too);
 * `needs-network`: the API could not be reached and the model is too big to load here.
 */
export type Outcome = { kind: 'answer'; answer: Answer } | { kind: 'refused'; message: string } | { kind: 'needs-network'; message: string };

export interface ClassifierDeps {
  card: ModelCard;
  remote(input: ClassifyInput, signal: AbortSignal): Promise<RemoteOutcome>;
  /** Loads the in-browser model (once); only called when the edge API cannot answer. Null when the
   * model is over the page's fallback size limit (see model/fallback-size.ts): its message says why. */
  local: (() => Promise<LocalModel>) | { tooBig: string };
}

/**
 * Asks the edge API and, when it cannot be reached, runs the same model here on the same
 * preprocessed input with the same decision rule, so both give the same answer for the same image.
 */
export async function classify(deps: ClassifierDeps, input: ClassifyInput, preprocessed: PreprocessResult, signal: AbortSignal): Promise<Outcome> {
  const remote = await deps.remote(input, signal);
  if (remote.kind === 'answer') {
    const r = remote.response;
    const reason = r.reason === 'blank' || r.reason === 'low-confidence' ? r.reason : undefined;
    return {
      kind: 'answer',
      answer: {
        label: r.label,
        probability: r.probability,
        scores: r.scores,
        uncertain: r.uncertain,
        ...(reason ? { reason } : {}),
        answeredBy: 'edge',
        model: r.model,
        ...(r.backend ? { backend: r.backend } : {}),
      },
    };
  }
  if (remote.kind === 'refused') return { kind: 'refused', message: remote.error.message };
  if (typeof deps.local !== 'function') return { kind: 'needs-network', message: `The answer needs the network: the edge API could not be reached (${remote.reason}), and ${deps.local.tooBig}` };
  const model = await deps.local();
  signal.throwIfAborted();
  return { kind: 'answer', answer: answerLocally(deps.card, model, preprocessed, remote.reason) };
}

export function answerLocally(card: ModelCard, model: LocalModel, preprocessed: PreprocessResult, fallbackReason: string): Answer {
  const output = model.predict(preprocessed.data, preprocessed.shape);
  return {
    ...decide(card, output, preprocessed.ink),
    answeredBy: 'browser',
    model: { name: card.name, version: card.version },
    backend: model.backend,
    fallbackReason,
  };
}

/** Remembers the first load (and retries after a failed one), so tfjs and the weights load once. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}
