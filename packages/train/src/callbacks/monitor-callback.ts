import * as tfl from '@tensorflow/tfjs-layers';
import { logValue, printToConsole, type Logs, type Printer } from './logs.js';

export type Mode = 'auto' | 'min' | 'max';
export type Direction = 'min' | 'max';

/** Arguments every monitored callback shares (Keras's names, camelCased). */
export interface MonitorArgs {
  /** The logged quantity to watch, e.g. 'val_loss' or 'val_accuracy'. */
  monitor?: string;
  /** 'min': lower is better; 'max': higher is better; 'auto': inferred from the name, as Keras does. */
  mode?: Mode;
  /** 0: quiet; 1: print a message when the callback acts. */
  verbose?: number;
  /** Where verbose messages go (default console.log). */
  print?: Printer;
  /** Where warnings go (default console.warn). */
  warn?: Printer;
}

// tfjs metrics carry no direction (Keras 3 asks the metric object for `_direction`), so 'auto' is
// decided from the name: losses and errors go down, accuracies and scores go up.
const DOWN = /loss|error|crossentropy|hinge|^(r?mse|mae|mape|msle|kld|kullback_leibler_divergence|poisson|logcosh)$/i;
const UP = /acc|auc|precision|recall|f1|fbeta|iou|r2_score/i;

/**
 * Resolves `mode` for `monitor` as Keras does: 'min' and 'max' are taken as given; with 'auto',
 * `loss`/`val_loss` (and other losses and errors) are minimised, accuracies and other scores
 * maximised, and any other name is an error asking for an explicit mode.
 */
export function resolveDirection(monitor: string, mode: Mode, owner = 'callback'): Direction {
  if (mode === 'min' || mode === 'max') return mode;
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (DOWN.test(name)) return 'min';
  if (UP.test(name)) return 'max';
  throw new Error(
    `${owner} received monitor=${monitor}, but cannot tell whether that metric should be maximized or minimized. ` +
      `Pass mode 'max' to monitor the highest value, or mode 'min' to monitor the lowest.`,
  );
}

/**
 * Keras's rule: `current` improves on `reference` when it beats it by more than `minDelta`
 * (`current < reference - minDelta` in 'min' mode, `current > reference + minDelta` in 'max');
 * anything but NaN improves on no reference at all (Keras starts from ±inf). NaN never improves.
 */
export function isImprovement(direction: Direction, minDelta: number, current: number, reference: number | null | undefined): boolean {
  if (Number.isNaN(current)) return false;
  if (reference === null || reference === undefined) return true;
  const delta = Math.abs(minDelta);
  return direction === 'min' ? current < reference - delta : current > reference + delta;
}

/** For getState: JSON has no NaN or Infinity. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/**
 * The shared base of the callbacks that watch one logged quantity (ReduceLROnPlateau,
 * EarlyStopping, ModelCheckpoint): its name, which direction is better, the minimum change that
 * counts, and a warning (once per message) when the logs do not have it.
 */
export abstract class MonitorCallback extends tfl.Callback {
  readonly monitor: string;
  readonly mode: Mode;
  readonly minDelta: number;
  readonly verbose: number;
  protected readonly print: Printer;
  protected readonly warn: Printer;
  private direction_: Direction | undefined;
  private readonly warned = new Set<string>();
  /** Set by setState and consumed by onTrainBegin, so a resumed run keeps its counters. */
  protected restored = false;

  protected constructor(
    protected readonly owner: string,
    args: MonitorArgs & { minDelta?: number },
    defaults: { monitor: string; minDelta: number },
  ) {
    super();
    const warn = args.warn ?? ((m: string) => console.warn(m));
    let mode = args.mode ?? 'auto';
    if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
      warn(`${owner} mode '${String(mode)}' is unknown, fallback to auto mode.`);
      mode = 'auto';
    }
    const minDelta = args.minDelta ?? defaults.minDelta;
    if (!Number.isFinite(minDelta)) throw new Error(`${owner}: minDelta must be a finite number, got ${minDelta}`);
    this.monitor = args.monitor ?? defaults.monitor;
    this.mode = mode;
    this.minDelta = Math.abs(minDelta);
    this.verbose = args.verbose ?? 0;
    this.print = args.print ?? printToConsole;
    this.warn = warn;
  }

  /** 'min' or 'max', resolved from mode and the monitor's name on first use. */
  get direction(): Direction {
    this.direction_ ??= resolveDirection(this.monitor, this.mode, this.owner);
    return this.direction_;
  }

  isImprovement(current: number, reference: number | null | undefined): boolean {
    return isImprovement(this.direction, this.minDelta, current, reference);
  }

  /** The monitored value in `logs`, or undefined after a warning built by `message`. */
  protected monitorValue(logs: Logs, message: (available: string) => string): number | undefined {
    const value = logValue(logs, this.monitor);
    if (value === undefined) {
      const text = message(Object.keys(logs).join(','));
      if (!this.warned.has(text)) {
        this.warned.add(text);
        this.warn(text);
      }
    }
    return value;
  }

  /** True once after setState: onTrainBegin then keeps the restored counters instead of resetting. */
  protected consumeRestored(): boolean {
    const r = this.restored;
    this.restored = false;
    return r;
  }
}
