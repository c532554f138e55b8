import { getLearningRate, setLearningRate } from './learning-rate.js';
import { resolveLogs, type UnresolvedLogs } from './logs.js';
import { finiteOrNull, MonitorCallback, type MonitorArgs } from './monitor-callback.js';

export interface ReduceLROnPlateauArgs extends MonitorArgs {
  /** new lr = lr * factor; 0 < factor < 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before the rate is reduced. Default 10. */
  patience?: number;
  /** The least change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The rate is never reduced below this. Default 0. */
  minLr?: number;
}

export interface ReduceLROnPlateauState {
  best: number | null;
  wait: number;
  cooldownCounter: number;
  /** The optimizer's learning rate when the state was taken. */
  lr: number | null;
}

/**
 * Keras's ReduceLROnPlateau. Watches `monitor` (default 'val_loss') at the end of every epoch; when
 * it has not improved by more than `minDelta` for `patience` epochs, multiplies the optimizer's
 * learning rate by `factor` (never below `minLr`) in place, then waits `cooldown` epochs before
 * counting again.
 *
 * Like Keras it writes the learning rate this epoch trained with into the epoch's logs (under `lr`,
 * Keras 2's name; Keras 3 says `learning_rate`), before any reduction, so History and CSVLogger
 * placed after it record it. `currentLr` reads the optimizer's rate at any time.
 */
export class ReduceLROnPlateau extends MonitorCallback {
  readonly factor: number;
  readonly patience: number;
  readonly cooldown: number;
  readonly minLr: number;
  best: number | null = null;
  wait = 0;
  cooldownCounter = 0;
  private pendingLr: number | null = null;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super('ReduceLROnPlateau', args, { monitor: 'val_loss', minDelta: 1e-4 });
    this.factor = args.factor ?? 0.1;
    if (this.factor >= 1) throw new Error(`ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${this.factor}`);
    if (!(this.factor > 0)) throw new Error(`ReduceLROnPlateau needs a factor > 0 (new lr = lr * factor). Received factor=${this.factor}`);
    this.patience = nonNegativeInt('patience', args.patience ?? 10);
    this.cooldown = nonNegativeInt('cooldown', args.cooldown ?? 0);
    this.minLr = args.minLr ?? 0;
    if (!(this.minLr >= 0)) throw new Error(`ReduceLROnPlateau needs minLr >= 0. Received minLr=${this.minLr}`);
  }

  /** The optimizer's learning rate now. */
  get currentLr(): number {
    return getLearningRate(this.model?.optimizer);
  }

  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  override async onTrainBegin(): Promise<void> {
    void this.direction; // an unknown monitor name fails now, not after the first epoch
    if (this.consumeRestored()) {
      if (this.pendingLr !== null) setLearningRate(this.model.optimizer, this.pendingLr);
      this.pendingLr = null;
      return;
    }
    this.best = null; // Keras starts from ±inf: anything improves on it
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override async onEpochEnd(epoch: number, unresolved?: UnresolvedLogs): Promise<void> {
    const logs = await resolveLogs(unresolved);
    logs.lr = this.currentLr;
    const current = this.monitorValue(
      logs,
      (available) => `Learning rate reduction is conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${available}.`,
    );
    if (current === undefined) return;

    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const oldLr = this.currentLr;
        if (oldLr > this.minLr) {
          const newLr = Math.max(oldLr * this.factor, this.minLr);
          setLearningRate(this.model.optimizer, newLr);
          if (this.verbose > 0) this.print(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }

  getState(): ReduceLROnPlateauState {
    let lr: number | null = null;
    try {
      lr = this.currentLr;
    } catch {
      lr = this.pendingLr;
    }
    return { best: finiteOrNull(this.best), wait: this.wait, cooldownCounter: this.cooldownCounter, lr };
  }

  /** Restores counters, best value and (at the next onTrainBegin) the learning rate. */
  setState(state: ReduceLROnPlateauState): void {
    this.best = state.best;
    this.wait = state.wait;
    this.cooldownCounter = state.cooldownCounter;
    this.pendingLr = state.lr;
    this.restored = true;
  }
}

function nonNegativeInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`ReduceLROnPlateau needs ${name} to be an integer >= 0, got ${value}`);
  return value;
}
