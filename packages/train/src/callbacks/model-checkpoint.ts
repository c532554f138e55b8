import { saveLayersModelToDir, saveWeightsToDir } from '../layers-model-files/index.js';
import { formatFilepath } from './format-filepath.js';
import { resolveLogs, type Logs, type UnresolvedLogs } from './logs.js';
import { finiteOrNull, MonitorCallback, type MonitorArgs } from './monitor-callback.js';

export interface ModelCheckpointArgs extends MonitorArgs {
  /** Save only when the monitored value is the best so far. Default false. */
  saveBestOnly?: boolean;
  /** Save only the weights (`weights.json` + weights file) instead of the whole model. Default false. */
  saveWeightsOnly?: boolean;
  /** 'epoch': at the end of every epoch; a number n: every n batches. Default 'epoch'. */
  saveFreq?: 'epoch' | number;
  /** With saveBestOnly: a value the monitored quantity must beat before the first save. Default null. */
  initialValueThreshold?: number | null;
  /**
   * Save the optimizer (its config, learning rate and state) with the model, so training resumes
   * exactly. Default true, as Keras's model.save does; ignored with saveWeightsOnly.
   */
  includeOptimizer?: boolean;
}

export interface ModelCheckpointState {
  best: number | null;
  batchesSeenSinceLastSaving: number;
  lastBatchSeen: number;
  /** The folder of the last save, or null. */
  lastSaved: string | null;
}

/**
 * Keras's ModelCheckpoint, saving to folders. At the end of each epoch (or every `saveFreq` batches)
 * saves the model to `filepath`, a folder path that may hold Keras-style placeholders filled from
 * the epoch and batch (both 1-based) and the logs, e.g. `run/ckpt-{epoch:02d}-{val_accuracy:.2f}`. With
 * `saveBestOnly` it watches `monitor` (default 'val_loss') and saves only when it improves; with a
 * fixed filepath that folder then always holds the best model.
 *
 * Saves go through layers-model-files: the weights are written beside the old ones and model.json renamed
 * over the old one last, so a crash or a failed write mid-save leaves the previous checkpoint
 * intact and loadable (loadLayersModelFromDir). A failed save throws, as in Keras.
 */
export class ModelCheckpoint extends MonitorCallback {
  readonly filepath: string;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  readonly includeOptimizer: boolean;
  best: number | null;
  /** The folder of the last save, or null. */
  lastSaved: string | null = null;
  private batchesSeenSinceLastSaving = 0;
  private lastBatchSeen = 0;
  private currentEpoch = 0;

  constructor(filepath: string, args: ModelCheckpointArgs = {}) {
    super('ModelCheckpoint', args, { monitor: 'val_loss', minDelta: 0 });
    if (typeof filepath !== 'string' || filepath === '') throw new Error('ModelCheckpoint needs a filepath (the folder to save to)');
    this.filepath = filepath;
    this.saveBestOnly = args.saveBestOnly ?? false;
    this.saveWeightsOnly = args.saveWeightsOnly ?? false;
    this.saveFreq = args.saveFreq ?? 'epoch';
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new Error(`Unrecognized saveFreq: ${String(this.saveFreq)}. Expected saveFreq are 'epoch' or integer values > 0`);
    }
    this.includeOptimizer = args.includeOptimizer ?? true;
    this.best = args.initialValueThreshold ?? null;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.currentEpoch = epoch;
  }

  override async onBatchEnd(batch: number, logs?: UnresolvedLogs): Promise<void> {
    if (this.shouldSaveOnBatch(batch)) await this.save(this.currentEpoch, batch, await resolveLogs(logs));
  }

  override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
    if (this.saveFreq === 'epoch') await this.save(epoch, null, await resolveLogs(logs));
  }

  getState(): ModelCheckpointState {
    return { best: finiteOrNull(this.best), batchesSeenSinceLastSaving: this.batchesSeenSinceLastSaving, lastBatchSeen: this.lastBatchSeen, lastSaved: this.lastSaved };
  }

  /** Restores the best value (so a resumed run does not overwrite a better checkpoint) and counters. */
  setState(state: ModelCheckpointState): void {
    this.best = state.best;
    this.batchesSeenSinceLastSaving = state.batchesSeenSinceLastSaving;
    this.lastBatchSeen = state.lastBatchSeen;
    this.lastSaved = state.lastSaved;
  }

  private shouldSaveOnBatch(batch: number): boolean {
    if (this.saveFreq === 'epoch') return false;
    // Batches are numbered from 0 in each epoch; a number not above the last means a new epoch.
    const added = batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.batchesSeenSinceLastSaving += added;
    this.lastBatchSeen = batch;
    if (this.batchesSeenSinceLastSaving >= this.saveFreq) {
      this.batchesSeenSinceLastSaving = 0;
      return true;
    }
    return false;
  }

  private async save(epoch: number, batch: number | null, logs: Logs): Promise<void> {
    // {epoch} and {batch} count from 1. (Keras takes `batch` from the logs when they have one; tfjs's
    // batch logs always do, counting from 0, which would make {batch} the odd one out.)
    const values: Record<string, number> = { ...logs, epoch: epoch + 1 };
    if (batch !== null) values.batch = batch + 1;
    const path = formatFilepath(this.filepath, values);
    const decision = this.decide(epoch, logs, path);
    if (!decision.save) return;
    try {
      if (this.saveWeightsOnly) await saveWeightsToDir(this.model, path);
      else await saveLayersModelToDir(this.model, path, { includeOptimizer: this.includeOptimizer });
    } catch (err) {
      throw new Error(`ModelCheckpoint could not save to ${path}: ${(err as Error).message}`, { cause: err });
    }
    this.lastSaved = path;
    // Only once saved: after a failed save, the folder still holds the previous best.
    if (decision.best !== undefined) this.best = decision.best;
  }

  /** Whether to save, and the new best value to keep once saved. */
  private decide(epoch: number, logs: Logs, path: string): { save: boolean; best?: number } {
    if (!this.saveBestOnly) {
      if (this.verbose > 0) this.print(`\nEpoch ${epoch + 1}: saving model to ${path}`);
      return { save: true };
    }
    const current = this.monitorValue(logs, () => `Can save best model only with ${this.monitor} available.`);
    if (current === undefined) return { save: true }; // Keras 3 saves anyway
    const bestText = this.best === null ? (this.direction === 'min' ? 'inf' : '-inf') : this.best.toFixed(5);
    if (this.isImprovement(current, this.best)) {
      if (this.verbose > 0) this.print(`\nEpoch ${epoch + 1}: ${this.monitor} improved from ${bestText} to ${current.toFixed(5)}, saving model to ${path}`);
      return { save: true, best: current };
    }
    if (this.verbose > 0) this.print(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${bestText}`);
    return { save: false };
  }
}
