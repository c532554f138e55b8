import * as tfl from '@tensorflow/tfjs-layers';
import { writeJsonAtomic } from '../util/atomic.js';
import { getLearningRate } from './learning-rate.js';
import { logValue, resolveLogs, type UnresolvedLogs } from './logs.js';

/** One epoch: its number (1-based), seconds, and the recorded metrics that were logged. */
export interface HistoryRow {
  epoch: number;
  seconds: number;
  [metric: string]: number;
}

export interface HistoryRecorderArgs {
  /** Also write the rows to this JSON file (atomically) after every epoch. */
  path?: string;
  /** Which logged values to record. Default loss, accuracy, val_loss, val_accuracy, lr. */
  keys?: readonly string[];
}

export interface HistoryRecorderState {
  rows: HistoryRow[];
}

export const DEFAULT_HISTORY_KEYS = ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr'] as const;

/**
 * Collects each epoch's logs for `history.json`: `{epoch, loss, accuracy, val_loss, val_accuracy,
 * lr, seconds}` per epoch, epochs counted from 1. `accuracy` is read under tfjs's `acc` too; `lr`
 * from the logs (ReduceLROnPlateau writes the rate the epoch used) or else from the optimizer at the
 * epoch's start. A metric that was not logged is left out of the row. Rows for epochs a resumed
 * run trains again are replaced.
 */
export class HistoryRecorder extends tfl.Callback {
  readonly path: string | undefined;
  readonly keys: readonly string[];
  rows: HistoryRow[] = [];
  private epochStart = 0;
  private lrAtStart: number | undefined;

  constructor(args: HistoryRecorderArgs = {}) {
    super();
    this.path = args.path;
    this.keys = args.keys ?? DEFAULT_HISTORY_KEYS;
  }

  override async onEpochBegin(): Promise<void> {
    this.epochStart = performance.now();
    try {
      this.lrAtStart = getLearningRate(this.model?.optimizer);
    } catch {
      this.lrAtStart = undefined;
    }
  }

  override async onEpochEnd(epoch: number, unresolved?: UnresolvedLogs): Promise<void> {
    const logs = await resolveLogs(unresolved);
    const row: HistoryRow = { epoch: epoch + 1, seconds: (performance.now() - this.epochStart) / 1000 };
    for (const key of this.keys) {
      const value = logValue(logs, key) ?? (key === 'lr' ? (logValue(logs, 'learning_rate') ?? this.lrAtStart) : undefined);
      if (value !== undefined) row[key] = value;
    }
    this.rows = [...this.rows.filter((r) => r.epoch < row.epoch), row];
    if (this.path) await writeJsonAtomic(this.path, this.rows);
  }

  /** Keras's History shape: `epoch` (0-based) and one array per metric (null where not logged). */
  toKerasHistory(): { epoch: number[]; history: Record<string, (number | null)[]> } {
    const history: Record<string, (number | null)[]> = {};
    for (const key of this.keys) {
      if (this.rows.some((r) => key in r)) history[key] = this.rows.map((r) => (key in r ? r[key] : null));
    }
    return { epoch: this.rows.map((r) => r.epoch - 1), history };
  }

  getState(): HistoryRecorderState {
    return { rows: this.rows.map((r) => ({ ...r })) };
  }

  setState(state: HistoryRecorderState): void {
    this.rows = state.rows.map((r) => ({ ...r }));
  }
}
