import * as tf from '@tensorflow/tfjs-core';
import { resolveLogs, type UnresolvedLogs } from './logs.js';
import { finiteOrNull, MonitorCallback, type MonitorArgs } from './monitor-callback.js';

export interface EarlyStoppingArgs extends MonitorArgs {
  /** The least change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  /** Training stops unless the monitored value beats this (in `patience` epochs). Default null. */
  baseline?: number | null;
  /** Put back the weights of the best epoch when training ends. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to let pass before watching (a warm-up). Default 0. */
  startFromEpoch?: number;
}

export interface EarlyStoppingState {
  best: number | null;
  /** 0-based index of the best epoch seen. */
  bestEpoch: number;
  wait: number;
  stoppedEpoch: number;
}

/**
 * Keras's EarlyStopping. Watches `monitor` (default 'val_loss') at the end of every epoch from
 * `startFromEpoch` on, and sets `model.stopTraining` once it has gone `patience` epochs without
 * improving by more than `minDelta` (nor beating `baseline`, when one is given).
 *
 * `restoreBestWeights` works (tfjs's own earlyStopping throws on it): the callback keeps a copy of
 * the weights of the best epoch and, as current Keras does, puts them back when training ends,
 * whether it stopped early or ran all its epochs. The copies are disposed when replaced, after the
 * restore, at the next onTrainBegin, or by `dispose()`.
 */
export class EarlyStopping extends MonitorCallback {
  readonly patience: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  best: number | null = null;
  bestEpoch = 0;
  wait = 0;
  stoppedEpoch = 0;
  private bestWeights: tf.Tensor[] | null = null;

  constructor(args: EarlyStoppingArgs = {}) {
    super('EarlyStopping', args, { monitor: 'val_loss', minDelta: 0 });
    this.patience = args.patience ?? 0;
    this.startFromEpoch = args.startFromEpoch ?? 0;
    for (const [name, v] of [['patience', this.patience], ['startFromEpoch', this.startFromEpoch]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new Error(`EarlyStopping needs ${name} to be an integer >= 0, got ${v}`);
    }
    this.baseline = args.baseline ?? null;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
  }

  /** Whether a copy of the best weights is held (for restoreBestWeights). */
  get hasBestWeights(): boolean {
    return this.bestWeights !== null;
  }

  override async onTrainBegin(): Promise<void> {
    void this.direction; // an unknown monitor name fails now, not after the first epoch
    if (this.consumeRestored()) return;
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestEpoch = 0;
    this.disposeBestWeights();
  }

  override async onEpochEnd(epoch: number, unresolved?: UnresolvedLogs): Promise<void> {
    const logs = await resolveLogs(unresolved);
    const current = this.monitorValue(
      logs,
      (available) => `Early stopping conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${available}`,
    );
    if (current === undefined || epoch < this.startFromEpoch) return;

    const improved = this.isImprovement(current, this.best);
    if (this.restoreBestWeights && this.bestWeights === null && !improved) {
      // Never set (a resumed run without setBestWeights): the current weights are the best known.
      this.keepWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (improved) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.keepWeights();
      // Only restart the wait when both the baseline and the previous best are beaten.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.stoppedEpoch > 0 && this.verbose > 0) this.print(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) this.print(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.model.setWeights(this.bestWeights);
      this.disposeBestWeights();
    }
  }

  /**
   * For a resumed run: hands over the best epoch's weights (e.g. read back from the best checkpoint),
   * so restoreBestWeights restores them and not the first weights seen after the resume. Copies them.
   */
  setBestWeights(weights: readonly tf.Tensor[]): void {
    this.disposeBestWeights();
    this.bestWeights = weights.map((w) => tf.keep(w.clone()));
  }

  getState(): EarlyStoppingState {
    return { best: finiteOrNull(this.best), bestEpoch: this.bestEpoch, wait: this.wait, stoppedEpoch: this.stoppedEpoch };
  }

  /** Restores the counters; the next onTrainBegin keeps them instead of resetting. */
  setState(state: EarlyStoppingState): void {
    this.best = state.best;
    this.bestEpoch = state.bestEpoch;
    this.wait = state.wait;
    this.stoppedEpoch = state.stoppedEpoch;
    this.restored = true;
  }

  /** Frees the copy of the best weights, if any. */
  dispose(): void {
    this.disposeBestWeights();
  }

  private keepWeights(): void {
    this.disposeBestWeights();
    // getWeights returns the variables themselves, which training overwrites: clone them.
    this.bestWeights = this.model.getWeights().map((w) => tf.keep(w.clone()));
  }

  private disposeBestWeights(): void {
    if (this.bestWeights) tf.dispose(this.bestWeights);
    this.bestWeights = null;
  }
}
