import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The files of one training run, all under one folder. */
export class RunFolder {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** A new run folder under `root`, named by time and model, never reusing an existing one. */
  static create(root: string, model: string): RunFolder {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    let dir = join(root, `${stamp}-${model}`);
    for (let n = 2; existsSync(dir); n++) dir = join(root, `${stamp}-${model}-${n}`);
    mkdirSync(dir, { recursive: true });
    return new RunFolder(dir);
  }

  get config(): string {
    return join(this.dir, 'config.json');
  }
  /** The best model (tfjs layers format) with its card. */
  get model(): string {
    return join(this.dir, 'model');
  }
  /** The last epoch's model, optimizer and callback state, for --resume. */
  get lastCheckpoint(): string {
    return join(this.dir, 'checkpoints', 'last');
  }
  get history(): string {
    return join(this.dir, 'history.json');
  }
  get historyCsv(): string {
    return join(this.dir, 'history.csv');
  }
  get metrics(): string {
    return join(this.dir, 'metrics.json');
  }
  get log(): string {
    return join(this.dir, 'train.log');
  }
  get report(): string {
    return join(this.dir, 'report');
  }
  /** The best model exported as a tfjs graph model with its card, ready to serve. */
  get graph(): string {
    return join(this.dir, 'graph');
  }

  /** Appends a line to train.log (with a timestamp) and prints it. */
  logLine(line: string, print = true): void {
    appendFileSync(this.log, `${new Date().toISOString()} ${line}\n`);
    if (print) console.log(line);
  }
}
