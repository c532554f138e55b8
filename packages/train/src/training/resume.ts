import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadLayersModelFromDir, readWeightsFromDir, saveLayersModelToDir } from '../layers-model-files/index.js';
import type { TrainingCallbacks } from './callbacks.js';
import type { RunFolder } from './run-folder.js';
import { dropoutCalls, replayAdamBiasCorrections, setDropoutCalls } from './step-state.js';

/** What a killed run needs to go on: stored in the last checkpoint's model.json, so it commits with the weights. */
export interface ResumeState {
  epochsDone: number;
  callbacks: Record<string, unknown>;
  /** Each seeded dropout layer's training calls so far, so the masks go on where they were. */
  dropoutCalls?: number[];
}

const KEY = 'inklingResume';

/**
 * Saves the model with its optimizer and every callback's state after each epoch, into one folder
 * whose model.json is written last (atomically): a run killed at any moment resumes from a complete
 * epoch. Put it after the callbacks whose state it saves.
 */
export class ResumeCheckpoint extends tfl.Callback {
  constructor(
    private readonly run: RunFolder,
    private readonly callbacks: TrainingCallbacks,
  ) {
    super();
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    const model = this.model as unknown as tfl.LayersModel;
    const state: ResumeState = {
      epochsDone: epoch + 1,
      callbacks: Object.fromEntries(Object.entries(this.callbacks.stateful).map(([k, c]) => [k, c.getState()])),
      dropoutCalls: dropoutCalls(model),
    };
    model.setUserDefinedMetadata({ [KEY]: state });
    await saveLayersModelToDir(model, this.run.lastCheckpoint, { includeOptimizer: true });
  }
}

export class ResumeError extends Error {
  override readonly name = 'ResumeError';
}

/** The last checkpoint of a run: the model compiled with its optimizer state, and the callbacks' state. */
export async function loadResume(run: RunFolder): Promise<{ model: tfl.LayersModel; state: ResumeState }> {
  if (!existsSync(run.lastCheckpoint)) throw new ResumeError(`${run.dir} has no checkpoint to resume from (${run.lastCheckpoint} is missing): it was killed before its first epoch ended`);
  const model = await loadLayersModelFromDir(run.lastCheckpoint);
  const meta = model.getUserDefinedMetadata() as Record<string, ResumeState> | undefined;
  const state = meta?.[KEY];
  if (!state || typeof state.epochsDone !== 'number') throw new ResumeError(`the checkpoint in ${run.lastCheckpoint} carries no training state`);
  return { model, state };
}

/** Puts the saved state back into a new run's callbacks, and the best weights into EarlyStopping. */
export async function restoreCallbacks(callbacks: TrainingCallbacks, state: ResumeState, run: RunFolder): Promise<void> {
  for (const [name, cb] of Object.entries(callbacks.stateful)) {
    if (state.callbacks[name] !== undefined) cb.setState(state.callbacks[name] as never);
  }
  if (existsSync(run.model)) {
    const best = await readWeightsFromDir(run.model);
    callbacks.earlyStopping.setBestWeights(best.map((n) => n.tensor));
    tf.dispose(best.map((n) => n.tensor));
  }
}

/**
 * Puts a checkpoint into a freshly built and compiled model: weights, optimizer state (with Adam's bias
 * corrections as training had them) and dropout counters. A fresh model rather than the loaded one,
 * because a saved model comes back with tfjs's own Dropout, which does not advance its seed.
 */
export async function adoptCheckpoint(model: tfl.LayersModel, resumed: { model: tfl.LayersModel; state: ResumeState }): Promise<void> {
  model.setWeights(resumed.model.getWeights());
  const optimizerWeights = await resumed.model.optimizer.getWeights();
  await model.optimizer.setWeights(optimizerWeights);
  replayAdamBiasCorrections(model.optimizer);
  setDropoutCalls(model, resumed.state.dropoutCalls ?? []);
  resumed.model.optimizer.dispose();
  resumed.model.dispose();
}
