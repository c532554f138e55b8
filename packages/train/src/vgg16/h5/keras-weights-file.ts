import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { h5Ready, hdf5Reason, h5wasm, stringListAttribute, type Dataset, type Group, type H5File } from './h5wasm.js';

/** A weights file that cannot be used, with what is wrong with it. */
export class KerasWeightsError extends Error {
  override readonly name = 'KerasWeightsError';
}

export interface KerasWeight {
  /** The dataset's name inside the layer's group, e.g. `block1_conv1_W_1:0` or `block1_conv1/kernel:0`. */
  name: string;
  shape: number[];
}

export interface KerasLayer {
  name: string;
  weights: KerasWeight[];
}

/**
 * A Keras 1/2 HDF5 weights file (`model.save_weights('x.h5')`, or the `model_weights` group of a whole
 * saved model), as the Keras applications publish their ImageNet weights:
 *
 *     /                    attrs: layer_names = [input_1, block1_conv1, …, block5_pool]
 *     /block1_conv1        attrs: weight_names = [block1_conv1_W_1:0, block1_conv1_b_1:0]
 *     /block1_conv1/block1_conv1_W_1:0   float32 (3, 3, 3, 64)   TF kernel order: (kh, kw, in, out)
 *     /block1_conv1/block1_conv1_b_1:0   float32 (64,)
 *     /block1_pool         attrs: weight_names = []
 *
 * Keras 2 files name the datasets `block1_conv1/kernel:0` (a subgroup); both are paths under the
 * layer's group, so both read the same way. Lists too long for one HDF5 object header are split into
 * `layer_names0`, `layer_names1`, … (Keras's `load_attributes_from_hdf5_group`); those are read too.
 */
export class KerasWeightsFile {
  private constructor(
    readonly path: string,
    private readonly file: H5File,
    private readonly root: Group,
    /** Layer names in the file's order. */
    readonly layerNames: string[],
    /** The `backend` attribute when the file has one (Keras 2 files do). */
    readonly backend: string | null,
  ) {}

  /** Opens a weights file; a missing, non-HDF5, truncated or non-Keras file is a KerasWeightsError naming why. */
  static async open(path: string): Promise<KerasWeightsFile> {
    const abs = resolve(path);
    if (!existsSync(abs)) throw new KerasWeightsError(`weights file ${abs} does not exist`);
    if (!statSync(abs).isFile()) throw new KerasWeightsError(`weights file ${abs} is not a file`);
    await h5Ready();
    let file: H5File;
    try {
      file = new h5wasm.File(abs, 'r');
    } catch (err) {
      throw new KerasWeightsError(`cannot read weights file ${abs}: ${describeOpenFailure(hdf5Reason(err), statSync(abs).size)}`);
    }
    try {
      const nested = file.get('model_weights');
      const root = nested instanceof h5wasm.Group ? nested : file;
      const layerNames = stringListAttribute(root, 'layer_names');
      if (layerNames === null) {
        const hint = file.keys().includes('layers') || file.keys().includes('vars') ? ' (it looks like a Keras 3 .weights.h5 file, which is not supported)' : '';
        throw new KerasWeightsError(`${abs} is an HDF5 file but not a Keras weights file: it has no layer_names attribute${hint}`);
      }
      const backendAttr = Object.keys(root.attrs).includes('backend') ? root.get_attribute('backend', false) : Object.keys(file.attrs).includes('backend') ? file.get_attribute('backend', false) : null;
      return new KerasWeightsFile(abs, file, root, layerNames, typeof backendAttr === 'string' ? backendAttr : null);
    } catch (err) {
      file.close();
      if (err instanceof KerasWeightsError) throw err;
      throw new KerasWeightsError(`cannot read weights file ${abs}: ${hdf5Reason(err)}`);
    }
  }

  /** A layer's weight names and shapes (no data read), or null when the file has no such layer. */
  layer(name: string): KerasLayer | null {
    if (!this.layerNames.includes(name)) return null;
    const group = this.root.get(name);
    if (!(group instanceof h5wasm.Group)) throw new KerasWeightsError(`${this.path} lists layer ${name} in layer_names but has no group /${name}`);
    let weightNames: string[] | null;
    try {
      weightNames = stringListAttribute(group, 'weight_names');
    } catch (err) {
      throw new KerasWeightsError(`${this.path}: layer ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (weightNames === null) throw new KerasWeightsError(`${this.path}: layer group /${name} has no weight_names attribute`);
    return {
      name,
      weights: weightNames.map((w) => {
        const shape = this.dataset(name, w).shape;
        if (!shape) throw new KerasWeightsError(`${this.path}: /${name}/${w} is a scalar, not a weight array`);
        return { name: w, shape };
      }),
    };
  }

  /** One weight's values as float32 (float64 files are converted); errors name the dataset. */
  read(layer: string, weight: string): Float32Array {
    const ds = this.dataset(layer, weight);
    let value: unknown;
    try {
      value = ds.value;
    } catch (err) {
      throw new KerasWeightsError(`${this.path}: cannot read /${layer}/${weight}: ${hdf5Reason(err)}`);
    }
    if (value instanceof Float32Array) return value;
    if (value instanceof Float64Array) return Float32Array.from(value);
    throw new KerasWeightsError(`${this.path}: /${layer}/${weight} holds ${String(ds.dtype)} values, not floats`);
  }

  close(): void {
    this.file.close();
  }

  private dataset(layer: string, weight: string): Dataset {
    let ds: unknown;
    try {
      ds = this.root.get(`${layer}/${weight}`);
    } catch (err) {
      throw new KerasWeightsError(`${this.path}: cannot read /${layer}/${weight}: ${hdf5Reason(err)}`);
    }
    if (!(ds instanceof h5wasm.Dataset)) throw new KerasWeightsError(`${this.path}: layer ${layer} lists weight ${weight} but /${layer}/${weight} is not a dataset`);
    return ds;
  }
}

function describeOpenFailure(reason: string, size: number): string {
  const truncated = /truncated file: eof = (\d+).*stored_eof = (\d+)/.exec(reason);
  if (truncated) {
    const [have, want] = [Number(truncated[1]), Number(truncated[2])].map((n) => n.toLocaleString('en-US'));
    return `the file is truncated (${have} of ${want} bytes): an interrupted download or copy; fetch it again`;
  }
  if (/signature not found/.test(reason)) return `not an HDF5 file (${size.toLocaleString('en-US')} bytes, no HDF5 signature)`;
  return reason;
}
