import * as tfl from '@tensorflow/tfjs-layers';
import cliProgress from 'cli-progress';
import { getLearningRate } from './learning-rate.js';
import { logValue, resolveLogs, type Logs, type UnresolvedLogs } from './logs.js';

/** Where the bar writes: stdout, or a test's stand-in with the same two members. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgbarLoggerArgs {
  /** Batches in one epoch: the bar's length. */
  batchesPerEpoch: number;
  /** Images per batch, for images/s when the batch logs carry no `size`. */
  batchSize: number;
  /** Epochs in the run (default: what fit says). */
  epochs?: number;
  /** Default process.stdout. */
  stream?: OutputStream;
  /** Draw a bar (true) or print one plain line per epoch (false). Default: whether the stream is a TTY. */
  tty?: boolean;
  /** Milliseconds; injectable for tests. Default performance.now. */
  now?: () => number;
}

/**
 * Training progress, Keras's ProgbarLogger for a terminal. On a TTY, a bar per epoch with batch n/N,
 * loss, accuracy, images/s and the time left in the epoch, then a line with the validation metrics,
 * learning rate and seconds. Elsewhere (a pipe, a log file, CI) one plain line per epoch:
 * `epoch 3/20  loss 0.4123  accuracy 0.8125  val_loss 0.3991  val_accuracy 0.8438  lr 1.00e-3  12.3 s`.
 *
 * Reads `lr` from the logs (ReduceLROnPlateau writes it) or else from the optimizer at epoch start.
 */
export class ProgbarLogger extends tfl.Callback {
  readonly batchesPerEpoch: number;
  readonly batchSize: number;
  private readonly stream: OutputStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private epochs: number | undefined;
  private bar: cliProgress.SingleBar | null = null;
  private epochStart = 0;
  private lastDraw = -Infinity;
  private images = 0;
  private batchesDone = 0;
  private lrAtStart: number | undefined;

  constructor(args: ProgbarLoggerArgs) {
    super();
    if (!(Number.isInteger(args.batchesPerEpoch) && args.batchesPerEpoch > 0)) throw new Error(`ProgbarLogger needs batchesPerEpoch to be an integer > 0, got ${args.batchesPerEpoch}`);
    if (!(Number.isInteger(args.batchSize) && args.batchSize > 0)) throw new Error(`ProgbarLogger needs batchSize to be an integer > 0, got ${args.batchSize}`);
    this.batchesPerEpoch = args.batchesPerEpoch;
    this.batchSize = args.batchSize;
    this.epochs = args.epochs;
    this.stream = args.stream ?? process.stdout;
    this.tty = args.tty ?? this.stream.isTTY === true;
    this.now = args.now ?? (() => performance.now());
  }

  override async onTrainBegin(): Promise<void> {
    const fromFit = this.params?.epochs;
    this.epochs ??= typeof fromFit === 'number' ? fromFit : undefined;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epochStart = this.now();
    this.lastDraw = -Infinity;
    this.images = 0;
    this.batchesDone = 0;
    try {
      this.lrAtStart = getLearningRate(this.model?.optimizer);
    } catch {
      this.lrAtStart = undefined;
    }
    if (!this.tty) return;
    this.bar = new cliProgress.SingleBar({
      stream: this.stream as NodeJS.WritableStream,
      format: `Epoch ${this.epochText(epoch)} {bar} {value}/{total} | loss {loss} | accuracy {accuracy} | {ips} img/s | {left} left`,
      barsize: 24,
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      hideCursor: false,
      gracefulExit: false, // its SIGINT handler would swallow the first Ctrl-C
      clearOnComplete: false,
      stopOnComplete: false,
    });
    this.bar.start(this.batchesPerEpoch, 0, { loss: '-', accuracy: '-', ips: '-', left: '-' });
  }

  override async onBatchEnd(_batch: number, logs?: UnresolvedLogs): Promise<void> {
    this.batchesDone += 1;
    const size = logs?.size;
    this.images += typeof size === 'number' ? size : this.batchSize;
    if (!this.bar) return;
    const now = this.now();
    if (now - this.lastDraw < 100 && this.batchesDone < this.batchesPerEpoch) return; // reading the logs syncs the backend
    this.lastDraw = now;
    const resolved = await resolveLogs(logs);
    if (this.batchesDone > this.bar.getTotal()) this.bar.setTotal(this.batchesDone);
    this.bar.update(this.batchesDone, this.payload(resolved, now));
  }

  override async onEpochEnd(epoch: number, unresolved?: UnresolvedLogs): Promise<void> {
    const logs = await resolveLogs(unresolved);
    const now = this.now();
    const lr = logValue(logs, 'lr') ?? logValue(logs, 'learning_rate') ?? this.lrAtStart;
    const tail = [metric('val_loss', logs), metric('val_accuracy', logs), lr === undefined ? '' : `lr ${lr.toExponential(2)}`, `${((now - this.epochStart) / 1000).toFixed(1)} s`];
    if (this.bar) {
      // The last frame shows the epoch's averages, as Keras's bar does.
      this.bar.update(Math.max(this.batchesDone, this.bar.getTotal()), this.payload(logs, now));
      this.bar.stop();
      this.bar = null;
      this.stream.write(`  ${join(tail)}\n`);
    } else {
      this.stream.write(`epoch ${this.epochText(epoch)}  ${join([metric('loss', logs), metric('accuracy', logs), ...tail])}\n`);
    }
  }

  override async onTrainEnd(): Promise<void> {
    this.bar?.stop(); // stopped mid-epoch
    this.bar = null;
  }

  private epochText(epoch: number): string {
    return this.epochs === undefined ? `${epoch + 1}` : `${epoch + 1}/${this.epochs}`;
  }

  private payload(logs: Logs, now: number): Record<string, string> {
    const elapsed = (now - this.epochStart) / 1000;
    const left = (elapsed / this.batchesDone) * Math.max(0, this.batchesPerEpoch - this.batchesDone);
    const loss = logValue(logs, 'loss');
    const accuracy = logValue(logs, 'accuracy');
    return {
      loss: loss === undefined ? '-' : loss.toFixed(4),
      accuracy: accuracy === undefined ? '-' : accuracy.toFixed(4),
      ips: elapsed > 0 ? (this.images / elapsed).toFixed(0) : '-',
      left: duration(left),
    };
  }
}

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join('  ');
}

function metric(name: string, logs: Logs): string {
  const v = logValue(logs, name);
  return v === undefined ? '' : `${name} ${v.toFixed(4)}`;
}

/** 75 -> '1m15s', 8.2 -> '8s'. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
