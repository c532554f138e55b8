import * as tfl from '@tensorflow/tfjs-layers';
import { h5Ready, h5wasm, type Group } from './h5/h5wasm.js';

export interface KerasH5Layer {
  name: string;
  /** [dataset name, shape, values]; empty for layers without weights (input, pooling). */
  weights: [string, number[], Float32Array][];
}

export type KerasH5Style = 'keras1' | 'keras2';

/**
 * The layers of a model as Keras saves them: `keras1` names datasets as the official
 * vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 does (`block1_conv1_W_1:0`, `block1_conv1_b_1:0`,
 * with an `input_1` layer first), `keras2` as `block1_conv1/kernel:0`.
 */
export function kerasLayersOf(model: tfl.LayersModel, style: KerasH5Style = 'keras1'): KerasH5Layer[] {
  const layers: KerasH5Layer[] = [{ name: 'input_1', weights: [] }];
  for (const layer of model.layers) {
    // Conv2D and Dense weights are [kernel, bias] in Keras and tfjs alike.
    const names = layer.weights.map((_, i) => {
      const role = ['kernel', 'bias'][i] ?? `w${i}`;
      if (style === 'keras2') return `${layer.name}/${role}:0`;
      return `${layer.name}_${{ kernel: 'W', bias: 'b' }[role] ?? role}_1:0`;
    });
    layers.push({ name: layer.name, weights: layer.getWeights().map((t, i) => [names[i], t.shape, t.dataSync() as Float32Array]) });
  }
  return layers;
}

function writeNames(node: Group, name: string, names: string[]): void {
  // As h5py stores numpy byte strings: fixed-length ASCII; an empty list as an empty float array.
  if (names.length === 0) node.create_attribute(name, new Float64Array(0), [0], '<d');
  else node.create_attribute(name, names, [names.length], `A${Math.max(...names.map((n) => n.length))}`);
}

/** Writes `layers` as a Keras HDF5 weights file (optionally under a `model_weights` group, as a whole saved model). */
export async function writeKerasH5(path: string, layers: KerasH5Layer[], options: { nested?: boolean; backend?: string } = {}): Promise<void> {
  await h5Ready();
  const file = new h5wasm.File(path, 'w');
  try {
    const root = options.nested ? file.create_group('model_weights') : file;
    writeNames(root, 'layer_names', layers.map((l) => l.name));
    if (options.backend) root.create_attribute('backend', options.backend, null, `A${options.backend.length}`);
    for (const layer of layers) {
      const group = root.create_group(layer.name);
      writeNames(group, 'weight_names', layer.weights.map(([n]) => n));
      for (const [name, shape, values] of layer.weights) {
        // Keras 2's `layer/kernel:0` lives in a subgroup named after the layer.
        const slash = name.lastIndexOf('/');
        const parent = slash < 0 ? group : ((group.get(name.slice(0, slash)) as Group | null) ?? group.create_group(name.slice(0, slash)));
        parent.create_dataset({ name: name.slice(slash + 1), data: values, shape, dtype: '<f' });
      }
    }
  } finally {
    file.close();
  }
}
