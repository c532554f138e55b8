import { lenet } from '@inkling/core/architectures';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainConfig } from './config.js';

/** The network a config asks for, sized from its preprocessing and the data's classes. */
export function buildModel(config: TrainConfig, classes: number): tfl.LayersModel {
  const [h, w] = config.preprocess.size;
  const c = config.preprocess.colorMode === 'rgb' ? 3 : 1;
  switch (config.model) {
    case 'lenet':
      return lenet({ inputShape: [h, w, c], classes, seed: config.seed, name: `${config.name}_lenet` });
    case 'vgg16':
      throw new Error('the vgg16 transfer model is not available yet');
  }
}
