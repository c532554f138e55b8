/** The seeded generator is core's, so Node, the page and Workers draw the same numbers. */
export { mixSeed, mulberry32, shuffleInPlace } from '@inkling/core';
