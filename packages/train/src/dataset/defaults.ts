/** The embedded data set's defaults, light enough for the CLI to show without loading the generator. */

/** Images in all, a third per class (o, x, neither): the default model is trained on 7,200, tested on 1,800. */
export const DEFAULT_COUNT = 9000;
export const DEFAULT_SEED = 42;
export const DEFAULT_TEST_FRACTION = 0.2;
/** Shapes that are neither O nor X, for measuring "uncertain". */
export const NEGATIVE_SHAPES = ['square', 'star', 'triangle', 'letter', 'digit', 'scribble', 'blank'] as const;
