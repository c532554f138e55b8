export * from './api/index.js';
export * from './card/index.js';
export * from './image/index.js';
export * from './preprocess/index.js';
export * from './random/index.js';
