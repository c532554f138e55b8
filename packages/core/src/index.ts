export * from './card/index.js';
export * from './image/index.js';
export * from './preprocess/index.js';
