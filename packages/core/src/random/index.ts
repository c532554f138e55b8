export { mixSeed, mulberry32, shuffleInPlace } from './random.js';
export { Rng } from './rng.js';
