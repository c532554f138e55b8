import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'wasm' | 'cpu';

export interface BackendCandidate {
  name: BackendName;
  /** Makes this backend tfjs's current one, or throws. */
  start(): Promise<void>;
}

export interface StartedBackend {
  name: BackendName;
  /** Milliseconds spent starting backends, failed attempts included. */
  ms: number;
  /** Why earlier candidates were passed over, when they were. */
  fallbackReasons: string[];
}

/** Starts the first candidate that works; the answer says which, and why others failed. */
export async function startFirstBackend(candidates: readonly BackendCandidate[]): Promise<StartedBackend> {
  const t0 = performance.now();
  const fallbackReasons: string[] = [];
  for (const candidate of candidates) {
    try {
      await candidate.start();
      if (tf.getBackend() !== candidate.name) throw new Error(`tfjs reports backend "${tf.getBackend()}" after starting it`);
      return { name: candidate.name, ms: performance.now() - t0, fallbackReasons };
    } catch (err) {
      const reason = `${candidate.name}: ${err instanceof Error ? err.message : JSON.stringify(err)}`;
      console.warn(`inkling edge: backend ${reason}; trying the next one`);
      fallbackReasons.push(reason);
    }
  }
  throw new Error(`no tfjs backend could start (${fallbackReasons.join('; ')})`);
}
