import * as tfl from '@tensorflow/tfjs-layers';
import { SeededDropout } from './seeded-dropout.js';

export interface LenetOptions {
  /** [height, width, channels]; the seed's is 150×150×3. */
  inputShape?: [number, number, number];
  /** Number of classes: 2 gives one sigmoid unit, more give a softmax. */
  classes?: number;
  /** Seeds the weight initialisers and the dropout masks. */
  seed?: number;
  name?: string;
}

/**
 * The seed's LeNet-style network, layer for layer: three Conv2D(3×3, relu) + MaxPool(2) stages with
 * 32, 32 and 64 filters, Flatten, Dense(64, relu), Dropout(0.5), and the output layer.
 * At 150×150×3 with two classes it has 1,212,513 parameters, all trainable.
 */
export function lenet(options: LenetOptions = {}): tfl.Sequential {
  const { inputShape = [150, 150, 3], classes = 2, seed = 42, name = 'lenet' } = options;
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`lenet needs at least 2 classes, got ${classes}`);
  // Three 3×3 valid convolutions, each followed by a 2×2 pooling, leave nothing of an input under 22 px.
  if (inputShape[0] < 22 || inputShape[1] < 22) throw new Error(`lenet needs an input of at least 22×22, got ${inputShape[0]}×${inputShape[1]}`);
  let layerSeed = seed;
  const init = () => tfl.initializers.glorotUniform({ seed: layerSeed++ });
  const model = tfl.sequential({ name });
  const convs: Array<[string, number]> = [['conv2d', 32], ['conv2d_1', 32], ['conv2d_2', 64]];
  convs.forEach(([convName, filters], i) => {
    model.add(
      tfl.layers.conv2d({
        name: convName,
        filters,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape } : {}),
      }),
    );
    model.add(tfl.layers.maxPooling2d({ name: i === 0 ? 'max_pooling2d' : `max_pooling2d_${i}`, poolSize: 2 }));
  });
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(tfl.layers.dense({ name: 'dense', units: 64, activation: 'relu', kernelInitializer: init() }));
  model.add(new SeededDropout({ name: 'dropout', rate: 0.5, seed: layerSeed++ }));
  model.add(
    tfl.layers.dense({
      name: 'dense_1',
      units: classes === 2 ? 1 : classes,
      activation: classes === 2 ? 'sigmoid' : 'softmax',
      kernelInitializer: init(),
    }),
  );
  return model;
}
