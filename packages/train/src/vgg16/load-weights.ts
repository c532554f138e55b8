import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { KerasWeightsError, KerasWeightsFile } from './h5/keras-weights-file.js';

export interface LoadedWeights {
  path: string;
  /** Model layers that received weights, in model order. */
  layers: string[];
  /** Numbers loaded. */
  params: number;
}

/** Every layer with weights, nested models (a VGG16 base inside a transfer model) included. */
function layersWithWeights(model: tfl.LayersModel): tfl.layers.Layer[] {
  return model.layers.flatMap((layer) => (layer instanceof tfl.LayersModel ? layersWithWeights(layer) : layer.weights.length > 0 ? [layer] : []));
}

const shapeText = (shape: readonly (number | null)[]) => `[${shape.join(', ')}]`;

/**
 * Loads a Keras HDF5 weights file into `model` by layer name, as Keras's `load_weights(…, by_name=True)`
 * but strict: every layer of the model that has weights must be in the file, with as many weights of
 * the same shapes (in Keras's order, kernel then bias). `only` restricts it to some layers (e.g. a
 * transfer model's base). Everything is checked and read before anything is set, so a bad file
 * leaves the model as it was. Layers in the file that the model lacks (a `fc1` of the
 * include_top file) are ignored.
 */
export async function loadKerasWeights(model: tfl.LayersModel, path: string, options: { only?: (layerName: string) => boolean } = {}): Promise<LoadedWeights> {
  const targets = layersWithWeights(model).filter((l) => options.only?.(l.name) ?? true);
  if (targets.length === 0) throw new KerasWeightsError(`model ${model.name} has no layers with weights to load`);
  const file = await KerasWeightsFile.open(path);
  try {
    if (file.backend === 'theano') {
      throw new KerasWeightsError(`${file.path} holds Theano weights (backend 'theano'); use the TensorFlow file, e.g. vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5`);
    }
    const missing = targets.filter((l) => !file.layerNames.includes(l.name)).map((l) => l.name);
    if (missing.length > 0) {
      const has = file.layerNames.length > 0 ? file.layerNames.slice(0, 8).join(', ') + (file.layerNames.length > 8 ? ', …' : '') : 'none';
      throw new KerasWeightsError(`${file.path} has no weights for layer${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of model ${model.name} (its layers: ${has}); is it the right file?`);
    }
    const values: { layer: tfl.layers.Layer; arrays: Float32Array[] }[] = [];
    for (const layer of targets) {
      const entry = file.layer(layer.name);
      if (!entry) throw new KerasWeightsError(`${file.path} has no layer ${layer.name}`);
      const expected = layer.weights.map((w) => w.shape);
      if (entry.weights.length !== expected.length) {
        throw new KerasWeightsError(`${file.path}: layer ${layer.name} has ${entry.weights.length} weights in the file (${entry.weights.map((w) => w.name).join(', ') || 'none'}), the model's layer has ${expected.length}`);
      }
      entry.weights.forEach((w, i) => {
        const want = expected[i];
        if (w.shape.length !== want.length || w.shape.some((d, j) => d !== want[j])) {
          throw new KerasWeightsError(`${file.path}: layer ${layer.name}: weight ${w.name} has shape ${shapeText(w.shape)} in the file, the model needs ${shapeText(want)} (a different architecture or width?)`);
        }
      });
      values.push({ layer, arrays: entry.weights.map((w) => file.read(layer.name, w.name)) });
    }
    let params = 0;
    for (const { layer, arrays } of values) {
      const tensors = arrays.map((a, i) => tf.tensor(a, layer.weights[i].shape as number[], 'float32'));
      layer.setWeights(tensors);
      tf.dispose(tensors);
      params += arrays.reduce((n, a) => n + a.length, 0);
    }
    return { path: file.path, layers: targets.map((l) => l.name), params };
  } finally {
    file.close();
  }
}
