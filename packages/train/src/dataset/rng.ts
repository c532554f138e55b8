/** The generator's streams are core's one seeded RNG; re-exported so the drawing modules import it from beside them. */
export { Rng } from '@inkling/core';
