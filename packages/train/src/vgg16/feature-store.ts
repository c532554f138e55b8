import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

export interface FeatureStoreOptions {
  /** Rows kept in memory up to this many bytes (default 1 GiB); past it they go to `spillDir`. */
  maxMemoryBytes?: number;
  /** Folder for rows beyond the memory budget (e.g. the run folder); without it, going over is an error. */
  spillDir?: string;
}

/** The store has no room left (the message says which budget and how to raise it). */
export class FeatureStoreFullError extends Error {
  override readonly name = 'FeatureStoreFullError';
}

let spillCount = 0;

/** What a saved store's .json holds beside its .f32 rows. */
interface SavedMeta {
  key: string;
  shape: [number, number, number];
  labelSize: number;
  count: number;
  labels: number[];
}

/**
 * Features of a data set, one row per image with its label row: in memory up to a budget, then in
 * one flat float32 file. Rows are fetched by index in any order, so each epoch can shuffle.
 */
export class FeatureStore {
  readonly rowSize: number;
  private readonly memory: Float32Array[] = [];
  private readonly labelRows: Float32Array[] = [];
  private spillFd: number | null = null;
  private spillPath: string | null = null;
  private spilled = 0;
  /** A saved file serving the rows is not ours to delete. */
  private ownsSpill = true;
  private readonly maxMemoryBytes: number;

  constructor(
    /** Per-row feature shape, e.g. [4, 4, 512]. */
    readonly shape: [number, number, number],
    /** Label row width: 1 for binary, the class count for categorical. */
    readonly labelSize: number,
    private readonly options: FeatureStoreOptions = {},
  ) {
    this.rowSize = shape.reduce((a, b) => a * b, 1);
    this.maxMemoryBytes = options.maxMemoryBytes ?? 2 ** 30;
  }

  get count(): number {
    return this.labelRows.length;
  }

  /** Bytes of features held in memory, and on disk. */
  get bytes(): { memory: number; disk: number } {
    return { memory: this.memory.length * this.rowSize * 4, disk: this.spilled * this.rowSize * 4 };
  }

  /** The file rows spill to, when any did. */
  get spillFile(): string | null {
    return this.spillPath;
  }

  /** Adds `n` rows: `features` is n × rowSize values, `labels` n × labelSize. */
  append(features: Float32Array, labels: Float32Array, n: number): void {
    if (!this.ownsSpill) throw new Error('a feature store opened from a saved file is read-only');
    if (features.length !== n * this.rowSize || labels.length !== n * this.labelSize) {
      throw new Error(`FeatureStore.append: ${n} rows need ${n * this.rowSize} feature and ${n * this.labelSize} label values, got ${features.length} and ${labels.length}`);
    }
    for (let i = 0; i < n; i++) {
      const row = features.subarray(i * this.rowSize, (i + 1) * this.rowSize);
      if (this.spillFd === null && (this.memory.length + 1) * this.rowSize * 4 <= this.maxMemoryBytes) {
        this.memory.push(row.slice());
      } else {
        this.spill(row);
      }
      this.labelRows.push(labels.slice(i * this.labelSize, (i + 1) * this.labelSize));
    }
  }

  private spill(row: Float32Array): void {
    if (this.spillFd === null) {
      if (!this.options.spillDir) {
        throw new FeatureStoreFullError(
          `cached features passed the ${(this.maxMemoryBytes / 2 ** 20).toFixed(0)} MiB memory budget after ${this.memory.length} images; raise maxMemoryBytes or give a spillDir for the rest`,
        );
      }
      mkdirSync(this.options.spillDir, { recursive: true });
      this.spillPath = join(this.options.spillDir, `features-${process.pid}-${spillCount++}.f32`);
      this.spillFd = openSync(this.spillPath, 'w+');
    }
    writeSync(this.spillFd, new Uint8Array(row.buffer, row.byteOffset, row.byteLength), 0, row.byteLength, this.spilled * row.byteLength);
    this.spilled++;
  }

  /** Rows `indices` as a batch: features [n, ...shape] and labels [n, labelSize]. */
  gather(indices: readonly number[]): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
    const xs = new Float32Array(indices.length * this.rowSize);
    const ys = new Float32Array(indices.length * this.labelSize);
    indices.forEach((index, k) => {
      if (!(index >= 0 && index < this.count)) throw new RangeError(`feature row ${index} out of range (0–${this.count - 1})`);
      ys.set(this.labelRows[index], k * this.labelSize);
      this.readRow(index, xs.subarray(k * this.rowSize, (k + 1) * this.rowSize));
    });
    return { xs: tf.tensor4d(xs, [indices.length, ...this.shape]), ys: tf.tensor2d(ys, [indices.length, this.labelSize]) };
  }

  private readRow(index: number, into: Float32Array): void {
    if (index < this.memory.length) into.set(this.memory[index]);
    else readSync(this.spillFd as number, new Uint8Array(into.buffer, into.byteOffset, into.byteLength), 0, into.byteLength, (index - this.memory.length) * into.byteLength);
  }

  /**
   * Writes the rows to `path` (.f32, row after row) and `key`, shape and labels to `path`.json, each
   * to a temporary name then renamed, the .json last: a store saved halfway is never read back.
   */
  save(path: string, key: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w');
    try {
      const row = new Float32Array(this.rowSize);
      for (let i = 0; i < this.count; i++) {
        this.readRow(i, row);
        writeSync(fd, new Uint8Array(row.buffer), 0, row.byteLength, i * row.byteLength);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    const meta: SavedMeta = { key, shape: this.shape, labelSize: this.labelSize, count: this.count, labels: this.labelRows.flatMap((r) => Array.from(r)) };
    const metaTmp = `${path}.json.tmp-${process.pid}`;
    const metaFd = openSync(metaTmp, 'w');
    try {
      writeSync(metaFd, JSON.stringify(meta));
    } finally {
      closeSync(metaFd);
    }
    renameSync(metaTmp, `${path}.json`);
  }

  /**
   * A store saved by `save` under the same `key`, its rows read from the file as needed; null when
   * there is none, its key differs (other images, weights or preprocessing) or it is incomplete.
   */
  static open(path: string, key: string): FeatureStore | null {
    if (!existsSync(path) || !existsSync(`${path}.json`)) return null;
    let meta: SavedMeta;
    try {
      meta = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as SavedMeta;
    } catch {
      return null;
    }
    if (meta.key !== key || !Array.isArray(meta.shape) || meta.labels?.length !== meta.count * meta.labelSize) return null;
    const store = new FeatureStore(meta.shape, meta.labelSize, { maxMemoryBytes: 0 });
    const fd = openSync(path, 'r');
    if (fstatSync(fd).size !== meta.count * store.rowSize * 4) {
      closeSync(fd);
      return null;
    }
    store.spillFd = fd;
    store.spillPath = path;
    store.ownsSpill = false;
    store.spilled = meta.count;
    for (let i = 0; i < meta.count; i++) store.labelRows.push(Float32Array.from(meta.labels.slice(i * meta.labelSize, (i + 1) * meta.labelSize)));
    return store;
  }

  /** Frees the memory and deletes the spill file (not a saved file it was opened from). */
  dispose(): void {
    this.memory.length = 0;
    this.labelRows.length = 0;
    if (this.spillFd !== null) closeSync(this.spillFd);
    if (this.spillPath && this.ownsSpill) rmSync(this.spillPath, { force: true });
    this.spillFd = null;
    this.spillPath = null;
    this.spilled = 0;
  }
}
