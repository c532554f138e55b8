export { lenet, type LenetOptions } from './lenet.js';
export { SeededDropout } from './seeded-dropout.js';
export { countParams, summary, type ParamCounts } from './summary.js';
export { VGG16_BLOCKS, vgg16Base, type Vgg16BaseOptions } from './vgg16.js';
