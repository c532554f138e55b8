export { BLANK_KINDS, BLANKS, makeBlank, type BlankKind } from './blanks.js';
export { analyseInk, analyseRaw, type InkAnalysis, type RGB } from './ink.js';
export { formatRobustness } from './format.js';
export { NEITHER, runRobustness, type RobustnessReport, type RejectionScore, type TransformationScore } from './suite.js';
export * from './transforms/index.js';
