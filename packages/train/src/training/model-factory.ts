import { lenet } from '@inkling/core/architectures';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainConfig } from './config.js';

/** The LeNet a config asks for, sized from its preprocessing and the data's classes (VGG16 is built by fitTransfer). */
export function buildModel(config: TrainConfig, classes: number): tfl.LayersModel {
  const [h, w] = config.preprocess.size;
  const c = config.preprocess.colorMode === 'rgb' ? 3 : 1;
  return lenet({ inputShape: [h, w, c], classes, seed: config.seed, name: `${config.name}_lenet` });
}
