import { readFile } from 'node:fs/promises';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '../util/atomic.js';
import { resolveLogs, type UnresolvedLogs } from './logs.js';

export interface CSVLoggerArgs {
  /** Between fields. Default ','. */
  separator?: string;
  /** Continue an existing file (for a resumed run) instead of starting a new one. Default false. */
  append?: boolean;
}

/**
 * Keras's CSVLogger: one row per epoch, `epoch` (0-based, as Keras) then the logged values in the
 * sorted column order of the first epoch's logs (plus `val_` columns when there are none yet),
 * `NA` where a value is missing.
 *
 * Differences that keep a user's file whole: the file is rewritten through writeFileAtomic each
 * epoch (a crash never leaves half a row), it is not emptied until the first epoch ends, and with
 * `append` it keeps the existing header's columns and drops rows for epochs the resumed run
 * trains again.
 */
export class CSVLogger extends tfl.Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private rows: string[] = [];

  constructor(filename: string, args: CSVLoggerArgs = {}) {
    super();
    if (typeof filename !== 'string' || filename === '') throw new Error('CSVLogger needs a filename');
    this.filename = filename;
    this.separator = args.separator ?? ',';
    if (this.separator === '' || /["\r\n]/.test(this.separator)) throw new Error(`CSVLogger cannot use ${JSON.stringify(this.separator)} as a separator`);
    this.append = args.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.keys = null;
    this.rows = [];
    if (!this.append) return;
    let text: string;
    try {
      text = await readFile(this.filename, 'utf8');
    } catch {
      return; // nothing to append to yet
    }
    const lines = text.split(/\r?\n/).filter((l) => l !== '');
    if (lines.length === 0) return;
    const header = lines[0].split(this.separator);
    if (header[0] !== 'epoch') throw new Error(`${this.filename} does not start with an "epoch" column: not a CSVLogger file, not appending to it`);
    this.keys = header.slice(1);
    this.rows = lines.slice(1);
  }

  override async onEpochEnd(epoch: number, unresolved?: UnresolvedLogs): Promise<void> {
    const logs = await resolveLogs(unresolved);
    if (this.keys === null) {
      const keys = Object.keys(logs).sort();
      this.keys = keys.some((k) => k.startsWith('val_')) ? keys : [...keys, ...keys.map((k) => `val_${k}`)];
    }
    // A resumed run trains again the epochs after its checkpoint: their old rows go.
    this.rows = this.rows.filter((row) => !(Number(row.split(this.separator, 1)[0]) >= epoch));
    this.rows.push([String(epoch), ...this.keys.map((k) => (k in logs ? String(logs[k]) : 'NA'))].join(this.separator));
    const header = ['epoch', ...this.keys].join(this.separator);
    await writeFileAtomic(this.filename, `${[header, ...this.rows].join('\n')}\n`);
  }
}
