export { BLANK_KINDS, BLANKS, blur, cropTight, downscale, gridLines, invert, jpeg, makeBlank, recolour, rotate, TRANSFORMS, type BlankKind, type Transform } from './transforms.js';
export { analyseInk, type InkAnalysis } from './ink.js';
