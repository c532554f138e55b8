import { blur, cropTight, downscale, gridLines, invert, jpeg, recolour, rotate } from './basic.js';
import { boardCell } from './board.js';
import { neighbourStroke, phoneJpeg, ruled, shadow, squared } from './photo.js';
import { TIGHT_SIZES, tightCrop } from './tight.js';
import type { Transform } from './transform.js';

export { blur, cropTight, downscale, gridLines, invert, jpeg, recolour, RECOLOUR_INK, RECOLOUR_PAPER, rotate } from './basic.js';
export { boardCell } from './board.js';
export { neighbourStroke, phoneJpeg, ruled, shadow, squared } from './photo.js';
export { TIGHT_SIZES, tightCrop } from './tight.js';
export type { Transform } from './transform.js';

/** The first transformations (issue 9). */
const BASIC: Transform[] = [
  { name: 'inverted', description: 'colours inverted (light ink on dark), as seen on white', format: 'png', apply: invert },
  { name: 'recoloured', description: 'ink repainted blue and paper yellow, keeping each pixel’s ink amount', format: 'png', apply: (b) => recolour(b) },
  { name: 'downscaled-12px', description: 'shrunk so the longer side is 12 px', format: 'png', apply: (b) => downscale(b, 12) },
  { name: 'cropped-tight', description: 'cropped to the mark’s bounding box, no margin, transparency kept', format: 'png', apply: cropTight },
  { name: 'jpeg-q30', description: 'JPEG at quality 30 (on white)', format: 'jpeg', apply: (b) => jpeg(b, 30) },
  { name: 'rotated+15', description: 'rotated 15° clockwise, corners filled with paper', format: 'png', apply: (b) => rotate(b, 15) },
  { name: 'rotated-15', description: 'rotated 15° anticlockwise, corners filled with paper', format: 'png', apply: (b) => rotate(b, -15) },
  { name: 'blurred', description: 'Gaussian blur, sigma 1% of the longer side (≥ 1 px)', format: 'png', apply: (b) => blur(b) },
  { name: 'grid-lines', description: 'tic-tac-toe lines in the ink colour 4% in from each edge', format: 'png', apply: (b) => gridLines(b) },
];

/** Tight crops (issue 12): strokes touch the edges; sizes down to 8 px, and squashed 1:3 and 3:1. */
const TIGHT: Transform[] = [
  ...TIGHT_SIZES.map((size): Transform => ({ name: `tight-${size}px`, description: `on white, cut to the ink’s box (strokes touch the edges), longer side ${size} px`, format: 'png', apply: (b) => tightCrop(b, size) })),
  { name: 'tight-30x90', description: 'cut to the ink’s box and squashed to 30 × 90 px (aspect 1:3)', format: 'png', apply: (b) => tightCrop(b, 90, 1 / 3) },
  { name: 'tight-90x30', description: 'cut to the ink’s box and squashed to 90 × 30 px (aspect 3:1)', format: 'png', apply: (b) => tightCrop(b, 90, 3) },
];

/** Binarised webcam cells of a board (issue 12): white mark on black, solid white bands along edges. */
const BOARD: Transform[] = [
  { name: 'board-band', description: 'binarised board cell, white on black, a white band (5–25% of the side) along one edge, mark ¼–½ of the cell', format: 'png', apply: (b, seed) => boardCell(b, 1, seed) },
  { name: 'board-band-L', description: 'as board-band, bands along two adjacent edges (an L)', format: 'png', apply: (b, seed) => boardCell(b, 2, seed) },
  { name: 'board-band-U', description: 'as board-band, bands along three edges (a U)', format: 'png', apply: (b, seed) => boardCell(b, 3, seed) },
];

/** What a phone photo brings (issue 12). */
const PHOTO: Transform[] = [
  { name: 'photo-shadow', description: 'a soft shadow across the page, the dark side at 40–60% of the light', format: 'png', apply: shadow },
  { name: 'photo-ruled', description: 'ruled paper: light blue lines across, sometimes a red margin', format: 'png', apply: ruled },
  { name: 'photo-squared', description: 'squared paper: grey-blue lines both ways, 8–12 squares across', format: 'png', apply: squared },
  { name: 'photo-neighbour', description: 'a neighbour cell’s stroke (an X’s end or an O’s arc) entering from one edge', format: 'png', apply: neighbourStroke },
  { name: 'photo-jpeg', description: 'cream paper, light falling off, sensor grain, JPEG quality 60 (4:2:0)', format: 'jpeg', apply: phoneJpeg },
];

/** The suite's transformations, in its report order. */
export const TRANSFORMS: readonly Transform[] = [...BASIC, ...TIGHT, ...BOARD, ...PHOTO];
