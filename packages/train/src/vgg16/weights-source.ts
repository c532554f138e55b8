import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DownloadError, downloadFile, md5OfFile, type DownloadProgress } from './download.js';

/** Keras's `VGG16(weights='imagenet', include_top=False)` file: keras/applications/vgg16.py's WEIGHTS_PATH_NO_TOP and its file_hash. */
export const VGG16_NOTOP_WEIGHTS = {
  fileName: 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
  url: 'https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
  md5: '6d6bbae143d832006294945121d1f1fc',
} as const;

export interface WeightsSourceOptions {
  /** `--weights PATH`: use this file (its layout is checked when it loads, not its checksum). */
  weights?: string;
  /** Default: $INKLING_CACHE, else ~/.cache/inkling. */
  cacheDir?: string;
  /** Default: $INKLING_VGG16_WEIGHTS_URL, else Keras's official URL. */
  url?: string;
  /** Expected MD5 of the file (default: the official file's). */
  md5?: string;
  /** Allow the one-time download (default true; INKLING_OFFLINE=1 turns it off). */
  download?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  onProgress?: (p: DownloadProgress) => void;
  idleTimeoutMs?: number;
}

export interface ResolvedWeights {
  path: string;
  /** Where it came from: the argument, Inkling's cache, Keras's own cache (~/.keras/models), or a fresh download into the cache. */
  source: 'argument' | 'cache' | 'keras-cache' | 'download';
  md5: string;
  /** Whether its MD5 is the official file's. */
  official: boolean;
}

/** The weights cannot be found or fetched; the message says where to put the file. */
export class WeightsUnavailableError extends Error {
  override readonly name = 'WeightsUnavailableError';
}

const nonEmpty = (v: string | undefined) => (v != null && v !== '' ? v : undefined);

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(nonEmpty(env.INKLING_CACHE) ?? join(homedir(), '.cache', 'inkling'));
}

/** Where the cached weights file lives. */
export function cachedWeightsPath(options: Pick<WeightsSourceOptions, 'cacheDir' | 'env'> = {}): string {
  return join(options.cacheDir ? resolve(options.cacheDir) : defaultCacheDir(options.env), VGG16_NOTOP_WEIGHTS.fileName);
}

function kerasCachePath(env: NodeJS.ProcessEnv): string {
  return join(nonEmpty(env.KERAS_HOME) ?? join(homedir(), '.keras'), 'models', VGG16_NOTOP_WEIGHTS.fileName);
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/**
 * Finds VGG16's ImageNet weights file: `weights` when given, else the cache (Inkling's, then Keras's
 * ~/.keras/models, each only when its MD5 is the official one), else downloads it once from the
 * official Keras URL into the cache, checksum verified, written atomically.
 */
export async function resolveVgg16Weights(options: WeightsSourceOptions = {}): Promise<ResolvedWeights> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const md5 = (options.md5 ?? VGG16_NOTOP_WEIGHTS.md5).toLowerCase();
  const url = options.url ?? nonEmpty(env.INKLING_VGG16_WEIGHTS_URL) ?? VGG16_NOTOP_WEIGHTS.url;
  const cached = cachedWeightsPath({ cacheDir: options.cacheDir, env });
  const whereToPut = () =>
    `Put ${VGG16_NOTOP_WEIGHTS.fileName} (MD5 ${md5}; on a machine with network: ${url}) at ${cached} ` +
    `(INKLING_CACHE sets the folder), or pass its path with --weights PATH.`;

  if (options.weights) {
    const path = resolve(options.weights);
    if (!isFile(path)) throw new WeightsUnavailableError(`--weights ${options.weights}: no such file (${path})`);
    const digest = await md5OfFile(path);
    return { path, source: 'argument', md5: digest, official: digest === md5 };
  }

  if (isFile(cached)) {
    const digest = await md5OfFile(cached);
    if (digest === md5) return { path: cached, source: 'cache', md5: digest, official: true };
    log(`the cached ${cached} has MD5 ${digest}, not ${md5}: ignoring it`);
  }
  const keras = kerasCachePath(env);
  if (isFile(keras)) {
    const digest = await md5OfFile(keras);
    if (digest === md5) return { path: keras, source: 'keras-cache', md5: digest, official: true };
  }

  const allowed = options.download ?? !['1', 'true', 'yes'].includes((env.INKLING_OFFLINE ?? '').toLowerCase());
  if (!allowed) throw new WeightsUnavailableError(`VGG16's ImageNet weights are not in the cache and downloading is off (INKLING_OFFLINE). ${whereToPut()}`);
  log(`downloading VGG16's ImageNet weights (once) from ${url} to ${cached}`);
  try {
    const digest = await downloadFile(url, cached, { md5, idleTimeoutMs: options.idleTimeoutMs, onProgress: options.onProgress });
    return { path: cached, source: 'download', md5: digest, official: true };
  } catch (err) {
    if (err instanceof DownloadError) throw new WeightsUnavailableError(`VGG16's ImageNet weights could not be downloaded from ${url}: ${err.reason}. ${whereToPut()}`);
    throw err;
  }
}
