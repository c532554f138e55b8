export { mixSeed, mulberry32, shuffleInPlace } from './random.js';
