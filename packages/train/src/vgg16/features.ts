import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FeatureStore, type FeatureStoreOptions } from './feature-store.js';

/** Where the base is cut: after block5 (train the head) or after block4 (fine-tune block5 and the head). */
export type FeatureCut = 'block5_pool' | 'block4_pool';

/** The base's layers up to and including `cut`. */
export function layersUpTo(base: tfl.Sequential, cut: FeatureCut): tfl.layers.Layer[] {
  const end = base.layers.findIndex((l) => l.name === cut);
  if (end < 0) throw new Error(`model ${base.name} has no layer ${cut}`);
  return base.layers.slice(0, end + 1);
}

/** The base's layers after `cut`. */
export function layersAfter(base: tfl.Sequential, cut: FeatureCut): tfl.layers.Layer[] {
  return base.layers.slice(layersUpTo(base, cut).length);
}

/** Runs `layers` on a batch eagerly, in inference mode. */
export function runLayers(layers: tfl.layers.Layer[], xs: tf.Tensor): tf.Tensor {
  return tf.tidy(() => layers.reduce<tf.Tensor>((x, layer) => layer.apply(x, { training: false }) as tf.Tensor, xs));
}

/** The output shape of the base at `cut`, per image. */
export function featureShapeAt(base: tfl.Sequential, cut: FeatureCut): [number, number, number] {
  return (base.getLayer(cut).outputShape as number[]).slice(1) as [number, number, number];
}

export interface ExtractProgress {
  images: number;
  /** Images in all, when known. */
  total: number | null;
  seconds: number;
}

export interface ExtractOptions {
  cut?: FeatureCut;
  store?: FeatureStoreOptions;
  /** Images in all (for progress), e.g. `iterator.samples.length`. */
  total?: number;
  /** After every batch. */
  onProgress?: (p: ExtractProgress) => void;
}

/** A batch of inputs and labels, as DirectoryIterator.batches() yields them. */
export interface LabelledBatch {
  xs: tf.Tensor4D;
  ys: tf.Tensor2D;
}

/**
 * Runs every batch through the base once (up to `cut`) and keeps the features with their labels:
 * with a frozen base and no augmentation, the features of an image are the same in every epoch, so
 * the epochs that follow train only what is above the cut. Takes ownership of the batches' tensors.
 */
export async function extractFeatures(base: tfl.Sequential, batches: AsyncIterable<LabelledBatch>, options: ExtractOptions = {}): Promise<FeatureStore> {
  const cut = options.cut ?? 'block5_pool';
  const layers = layersUpTo(base, cut);
  let store: FeatureStore | null = null;
  const started = performance.now();
  let images = 0;
  try {
    for await (const { xs, ys } of batches) {
      try {
        const features = runLayers(layers, xs);
        const [values, labels] = await Promise.all([features.data() as Promise<Float32Array>, ys.data() as Promise<Float32Array>]);
        features.dispose();
        store ??= new FeatureStore(featureShapeAt(base, cut), ys.shape[1], options.store);
        store.append(values, labels, xs.shape[0]);
        images += xs.shape[0];
      } finally {
        tf.dispose([xs, ys]);
      }
      options.onProgress?.({ images, total: options.total ?? null, seconds: (performance.now() - started) / 1000 });
    }
  } catch (err) {
    store?.dispose();
    throw err;
  }
  if (!store) throw new Error('no images to extract features from');
  return store;
}

/** What the features of a data set depend on, for `featureKey`. */
export interface FeatureSource {
  /** Image files with their class index. */
  samples: readonly { path: string; classIndex: number }[];
  labels: readonly string[];
  classMode: string;
  /** The preprocessing (any JSON value). */
  spec: unknown;
}

/**
 * A fingerprint of everything features depend on: the base's weights up to the cut, the input shape,
 * the preprocessing, the labels and each image file (path, size, modification time). Saved features
 * are reused only under the same key.
 */
export function featureKey(base: tfl.Sequential, cut: FeatureCut, source: FeatureSource): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: 1, cut, input: base.inputs[0].shape, spec: source.spec, labels: source.labels, classMode: source.classMode }));
  for (const layer of layersUpTo(base, cut)) {
    // getWeights() hands out the variables' own tensors: read, never dispose.
    for (const w of layer.getWeights()) {
      const values = w.dataSync() as Float32Array;
      hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
  }
  for (const s of [...source.samples].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    let stamp = 'missing';
    try {
      const st = statSync(s.path);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      // A file that vanished changes the key, which is all that matters here.
    }
    hash.update(`${s.path}\0${s.classIndex}\0${stamp}\n`);
  }
  return hash.digest('hex');
}
