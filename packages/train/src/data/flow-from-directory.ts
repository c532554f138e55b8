import { relative } from 'node:path';
import { mixSeed, mulberry32, preprocessToArray, shuffleInPlace, parsePreprocessSpec, toBatchTensor, type InkInfo, type PreprocessResult, type PreprocessSpec, type PreprocessSpecInput } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { classFolders, DataFolderError, imageFiles } from './list-files.js';
import { PreprocessedCache } from './preprocessed-cache.js';
import { readImage, readImageSize } from './read-image.js';

export type ClassMode = 'binary' | 'categorical' | 'sparse';

export interface FlowFromDirectoryOptions {
  /** How each image becomes the model input (core's preprocessing; it carries the target size and colour mode). */
  spec: PreprocessSpecInput;
  /** Keras's class_mode; 'binary' needs exactly two classes. */
  classMode?: ClassMode;
  /** Class names to use, in index order; default: the sorted sub-folder names. */
  classes?: string[];
  batchSize?: number;
  shuffle?: boolean;
  seed?: number;
  /** Fraction of each class held out for validation (Keras's validation_split). */
  validationSplit?: number;
  subset?: 'training' | 'validation';
  /**
   * Shuffle each class's files (seeded) before splitting. Keras takes the first fraction of each
   * class's *sorted* files, which sends whole sources into validation when files are named by source;
   * set false for Keras's exact split.
   */
  shuffleBeforeSplit?: boolean;
  /** Keep up to this many bytes of preprocessed inputs in memory across epochs (0: stream every epoch). */
  cacheBytes?: number;
  onWarning?: (message: string) => void;
}

export interface Sample {
  path: string;
  classIndex: number;
}

/** Changes a batch of inputs (augmentation); gets the epoch and batch index to seed itself. */
export type BatchTransform = (xs: tf.Tensor4D, epoch: number, batch: number) => tf.Tensor4D;

export interface Batch {
  xs: tf.Tensor4D;
  ys: tf.Tensor2D;
  samples: Sample[];
  /** What preprocessing found in each image (blank or not, the region it framed). */
  ink: InkInfo[];
}

/**
 * Keras's DirectoryIterator: images from `dir/<label>/…`, labels from the sorted folder names,
 * decoded by core's decoder (sharp for formats the edge does not take) and preprocessed by core one
 * batch at a time.
 */
export class DirectoryIterator {
  readonly labels: string[];
  readonly classIndices: Record<string, number>;
  readonly samples: Sample[];
  readonly spec: PreprocessSpec;
  readonly batchSize: number;
  readonly classMode: ClassMode;
  /** Files that could not be read, with the reason (each warned about once). */
  readonly skipped = new Map<string, string>();
  private readonly shuffle: boolean;
  private readonly seed: number;
  private readonly cache: PreprocessedCache;
  private readonly warn: (message: string) => void;

  constructor(
    readonly directory: string,
    labels: string[],
    samples: Sample[],
    options: Required<Pick<FlowFromDirectoryOptions, 'batchSize' | 'shuffle' | 'seed' | 'classMode' | 'cacheBytes'>> & { spec: PreprocessSpec; onWarning: (m: string) => void },
  ) {
    this.labels = labels;
    this.classIndices = Object.fromEntries(labels.map((l, i) => [l, i]));
    this.samples = samples;
    this.spec = options.spec;
    this.batchSize = options.batchSize;
    this.shuffle = options.shuffle;
    this.seed = options.seed;
    this.classMode = options.classMode;
    this.cache = new PreprocessedCache(options.cacheBytes);
    this.warn = options.onWarning;
  }

  /** Keras's `filepaths`. */
  get filepaths(): string[] {
    return this.samples.map((s) => s.path);
  }

  /** Keras's `classes`: the class index of each sample, in file order. */
  get classes(): number[] {
    return this.samples.map((s) => s.classIndex);
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.samples.length / this.batchSize);
  }

  /** Sample order for an epoch: shuffled from (seed, epoch) when shuffling, else file order. */
  order(epoch: number): Sample[] {
    const copy = [...this.samples];
    return this.shuffle ? shuffleInPlace(copy, mulberry32(mixSeed(this.seed, epoch))) : copy;
  }

  skip(path: string, reason: string): void {
    if (this.skipped.has(path)) return;
    this.skipped.set(path, reason);
    this.warn(`skipping unreadable image ${relative(this.directory, path) || path}: ${reason}`);
  }

  /** One image's model input, or null (and a warning, once) when it cannot be read. */
  async load(sample: Sample): Promise<PreprocessResult | null> {
    const cached = this.cache.get(sample.path);
    if (cached) return cached;
    if (this.skipped.has(sample.path)) return null;
    try {
      const result = preprocessToArray(await readImage(sample.path), this.spec);
      this.cache.set(sample.path, result);
      return result;
    } catch (err) {
      this.skip(sample.path, err instanceof Error ? err.message : String(err));
      return null;
    }
  }

  /** The cached model input of a file, if it is cached. */
  cached(path: string): PreprocessResult | undefined {
    return this.cache.get(path);
  }

  /**
   * Fills the cache with an epoch's images, preprocessed by `preprocess` (a pool of worker threads),
   * in that epoch's order and up to the cache's budget: the cache then holds what loading the epoch
   * batch by batch would have put there, and later epochs skip decoding. `images` caps it (an epoch
   * cut short by stepsPerEpoch loads only its first images).
   */
  async prefill(epoch: number, preprocess: (path: string) => Promise<PreprocessResult>, images = Infinity): Promise<void> {
    const [h, w] = this.spec.size;
    const bytes = h * w * (this.spec.colorMode === 'rgb' ? 3 : 1) * 4;
    const todo = this.order(epoch).slice(0, images).filter((s) => !this.cache.get(s.path) && !this.skipped.has(s.path));
    const take = todo.slice(0, this.cache.room(bytes));
    const results = await Promise.all(take.map((s) => preprocess(s.path).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))));
    take.forEach((s, i) => {
      const r = results[i];
      if (r instanceof Error) this.skip(s.path, r.message);
      else this.cache.set(s.path, r);
    });
  }

  labelTensor(samples: Sample[]): tf.Tensor2D {
    const idx = samples.map((s) => s.classIndex);
    if (this.classMode === 'binary') return tf.tensor2d(idx, [idx.length, 1], 'float32');
    if (this.classMode === 'sparse') return tf.tensor2d(idx, [idx.length, 1], 'float32');
    return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(idx, 'int32'), this.labels.length), 'float32') as tf.Tensor2D);
  }

  /** The batches of one epoch (at most `limit`); later epochs take what fits from the preprocessed cache. */
  async *batches(epoch = 0, limit = Infinity): AsyncGenerator<Batch> {
    const order = this.order(epoch);
    let yielded = 0;
    for (let start = 0; start < order.length && yielded < limit; start += this.batchSize) {
      const chunk = order.slice(start, start + this.batchSize);
      const loaded = await Promise.all(chunk.map((s) => this.load(s)));
      const kept = chunk.filter((_, i) => loaded[i] !== null);
      if (kept.length === 0) continue;
      const results = loaded.filter((r): r is PreprocessResult => r !== null);
      yielded++;
      yield { xs: toBatchTensor(results), ys: this.labelTensor(kept), samples: kept, ink: results.map((r) => r.ink) };
    }
  }

  /**
   * A tf.data Dataset over the epochs, for `model.fitDataset`: each new iterator is an epoch (a fresh
   * seeded shuffle). `transform` (augmentation) gets each batch with its epoch and index.
   *
   * `epochs` says which epoch an iterator is: a function (an EpochClock that fit moves at each
   * onEpochBegin) names the real epoch, which makes a resumed run draw what the uninterrupted one drew;
   * a number starts a counter at it (fitDataset opens one iterator before the first epoch, so the
   * counter runs one ahead; kept for callers that rely on it). `batchesPerEpoch` caps each epoch.
   */
  toDataset(transform?: BatchTransform, epochs: number | (() => number) = 0, batchesPerEpoch?: number): tfd.Dataset<tf.TensorContainer> {
    let counter = typeof epochs === 'number' ? epochs : 0;
    const epochOf = typeof epochs === 'function' ? epochs : () => counter++;
    return tfd.generator((): AsyncIterator<tf.TensorContainer> => this.trainingBatches(epochOf(), transform, batchesPerEpoch));
  }

  private async *trainingBatches(epoch: number, transform?: BatchTransform, batchesPerEpoch = Infinity): AsyncGenerator<tf.TensorContainer> {
    let index = 0;
    for await (const batch of this.batches(epoch, batchesPerEpoch)) {
      let xs = batch.xs;
      if (transform) {
        const augmented = transform(xs, epoch, index);
        if (augmented !== xs) xs.dispose();
        xs = augmented;
      }
      index++;
      yield { xs, ys: batch.ys };
    }
  }
}

/** Checks each file's header, so obviously broken files are skipped before training. */
async function readableHeaders(paths: string[], onBad: (path: string, reason: string) => void): Promise<Set<string>> {
  const ok = new Set<string>();
  const limit = 16;
  for (let i = 0; i < paths.length; i += limit) {
    await Promise.all(
      paths.slice(i, i + limit).map(async (p) => {
        try {
          await readImageSize(p);
          ok.add(p);
        } catch (err) {
          onBad(p, err instanceof Error ? err.message : String(err));
        }
      }),
    );
  }
  return ok;
}

/**
 * Keras's `flow_from_directory(dir, …)`: sub-folders are the labels (sorted: Keras's class_indices),
 * images are decoded and preprocessed by core, streamed batch by batch.
 */
export async function flowFromDirectory(dir: string, options: FlowFromDirectoryOptions): Promise<DirectoryIterator> {
  const {
    classMode = 'categorical',
    batchSize = 32,
    shuffle = true,
    seed = 0,
    validationSplit = 0,
    subset,
    shuffleBeforeSplit = true,
    cacheBytes = 256 * 1024 * 1024,
    onWarning = (m: string) => console.warn(`warning: ${m}`),
  } = options;
  const spec = parsePreprocessSpec(options.spec);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DataFolderError(`batchSize must be a whole number ≥ 1, got ${batchSize}`);
  if (!(validationSplit >= 0 && validationSplit < 1)) throw new DataFolderError(`validationSplit must be in [0, 1), got ${validationSplit}`);
  if (subset && validationSplit === 0) throw new DataFolderError(`subset '${subset}' needs a validationSplit above 0`);

  const labels = options.classes ?? (await classFolders(dir));
  if (labels.length === 0) throw new DataFolderError(`no class folders in ${dir}: expected one sub-folder of images per label, e.g. ${dir}/o and ${dir}/x`);
  if (classMode === 'binary' && labels.length !== 2) throw new DataFolderError(`classMode 'binary' needs exactly 2 class folders in ${dir}, found ${labels.length} (${labels.join(', ')})`);

  const skippedEarly: [string, string][] = [];
  const samples: Sample[] = [];
  for (const [classIndex, label] of labels.entries()) {
    const folder = `${dir}/${label}`;
    let files: string[];
    try {
      files = await imageFiles(folder);
    } catch {
      throw new DataFolderError(`class folder ${folder} cannot be read`);
    }
    if (files.length === 0) throw new DataFolderError(`class folder ${folder} has no images (looked for .png, .jpg, .jpeg, .webp, .gif, .bmp, .tif)`);
    const readable = await readableHeaders(files, (p, reason) => skippedEarly.push([p, reason]));
    let kept = files.filter((f) => readable.has(f));
    if (kept.length === 0) throw new DataFolderError(`class folder ${folder} has no readable images (${files.length} files, all unreadable)`);
    if (validationSplit > 0) {
      if (shuffleBeforeSplit) kept = shuffleInPlace([...kept], mulberry32(mixSeed(seed, 0x5917, classIndex)));
      const cut = Math.floor(validationSplit * kept.length);
      const [start, stop] = subset === 'validation' ? [0, cut] : subset === 'training' ? [cut, kept.length] : [0, kept.length];
      kept = kept.slice(start, stop).sort();
    }
    for (const path of kept) samples.push({ path, classIndex });
  }
  const iterator = new DirectoryIterator(dir, labels, samples, { spec, batchSize, shuffle, seed, classMode, cacheBytes, onWarning });
  for (const [p, reason] of skippedEarly) iterator.skip(p, reason);
  return iterator;
}
