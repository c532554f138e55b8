import * as tfl from '@tensorflow/tfjs-layers';

/** Filters per VGG16 block, as Keras's `VGG16`. */
export const VGG16_BLOCKS: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [512, 512, 512],
];

export interface Vgg16BaseOptions {
  inputShape?: [number, number, number];
  /** Divides every block's filter count; 1 is the real VGG16, larger values make narrow copies for tests. */
  widthDivisor?: number;
  seed?: number;
  name?: string;
}

/**
 * VGG16's convolutional base (`include_top=False`) with Keras's layer names, `block1_conv1` …
 * `block5_pool`, so the official Keras weights file loads into it by name.
 */
export function vgg16Base(options: Vgg16BaseOptions = {}): tfl.Sequential {
  const { inputShape = [150, 150, 3], widthDivisor = 1, seed = 42, name = 'vgg16' } = options;
  if (inputShape[0] < 32 || inputShape[1] < 32) throw new Error(`VGG16 needs an input of at least 32×32, got ${inputShape[0]}×${inputShape[1]}`);
  let layerSeed = seed;
  const model = tfl.sequential({ name });
  VGG16_BLOCKS.forEach((block, b) => {
    block.forEach((filters, c) => {
      const width = Math.max(1, Math.round(filters / widthDivisor));
      model.add(
        tfl.layers.conv2d({
          name: `block${b + 1}_conv${c + 1}`,
          filters: width,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: tfl.initializers.glorotUniform({ seed: layerSeed++ }),
          ...(b === 0 && c === 0 ? { inputShape } : {}),
        }),
      );
    });
    model.add(tfl.layers.maxPooling2d({ name: `block${b + 1}_pool`, poolSize: 2, strides: 2 }));
  });
  return model;
}
