import { scratchI32, scratchU8 } from './scratch.js';

/**
 * Finds straight lines along the edges of an image — tic-tac-toe grid lines, ruled lines, cell
 * borders — so that framing ignores them and the model does not see them. A line counts when it runs
 * nearly parallel to an edge (within 8°), lies in the outer band of the image, and is covered
 * by ink for most of the image's length; the mark itself rarely is (a fat, tightly cropped O's top arc
 * covers well under that), and a bar across the middle of a tight "+" is not in an edge band.
 */

/**
 * tan(-8°) … tan(8°) in 1° steps, written out: every runtime must pick exactly the same pixels, and
 * constants cannot differ where Math.tan might.
 */
const SLOPES = [
  -0.14054083470239145,
  -0.1227845609029046,
  -0.10510423526567647,
  -0.08748866352592401,
  -0.06992681194351041,
  -0.05240777928304121,
  -0.03492076949174773,
  -0.017455064928217585,
  0.0,
  0.017455064928217585,
  0.03492076949174773,
  0.05240777928304121,
  0.06992681194351041,
  0.08748866352592401,
  0.10510423526567647,
  0.1227845609029046,
  0.14054083470239145,
];
/** How far a line at the steepest slope strays across its own length (tan 8°). */
const MAX_TILT_SPREAD = 0.1406;
/** Share of the image's length a line must cover with ink (within ±0.5 px of it). */
const MIN_COVER = 0.75;
/** Outer band, as a share of the side across the line, where a line's middle must lie. */
const EDGE_BAND = 0.3;
/** With `wholeLength`, how close to each end of the image a line must reach, as a share of its length. */
const END_GAP = 0.04;
/** Half the thickest line removed, as a share of the side across it. */
const MAX_HALF_THICKNESS = 0.03;

interface Axis {
  /** Along the line (x for horizontal lines). */
  length: number;
  /** Across the line. */
  side: number;
  at(along: number, across: number): number;
}

function axes(width: number, height: number): Axis[] {
  return [
    { length: width, side: height, at: (a, c) => c * width + a },
    { length: height, side: width, at: (a, c) => a * width + c },
  ];
}

/**
 * Marks (with 1) the mask pixels that belong to edge lines, and returns how many lines were found.
 * `mask` is the ink mask (1 = ink), row-major width × height. With `wholeLength`, only lines that
 * run from one end of the image to the other count.
 */
export function findEdgeLines(mask: Uint8Array, width: number, height: number, wholeLength = false): { lines: number; pixels: Uint8Array } {
  const out = scratchU8('edge-lines', mask.length);
  // The ink is a few per cent of the pixels: vote from a list of them, not by scanning the image.
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
  const inkX = scratchI32('ink-x', count);
  const inkY = scratchI32('ink-y', count);
  for (let i = 0, k = 0; i < mask.length; i++) {
    if (mask[i]) {
      inkX[k] = i % width;
      inkY[k++] = (i - (i % width)) / width;
    }
  }
  let lines = 0;
  for (const [axis, along, across] of [
    [axes(width, height)[0], inkX, inkY],
    [axes(width, height)[1], inkY, inkX],
  ] as const) {
    const { length, side, at } = axis;
    const band = EDGE_BAND * side;
    // A line needs MIN_COVER × length ink pixels inside one of the two outer bands (give or take the
    // few pixels its tilt carries out): most drawings have far fewer there, and skip the search.
    let near = 0;
    let far = 0;
    for (let k = 0; k < across.length; k++) {
      if (across[k] < band + MAX_TILT_SPREAD * length) near++;
      if (across[k] >= side - band - MAX_TILT_SPREAD * length) far++;
    }
    if (Math.max(near, far) < MIN_COVER * length) continue;
    const maxHalf = Math.max(1, Math.round(MAX_HALF_THICKNESS * side));
    for (const slope of SLOPES) {
      const shift = Math.ceil(Math.abs(slope) * length) + 1;
      const votes = new Int32Array(side + 2 * shift);
      for (let k = 0; k < along.length; k++) votes[Math.round(across[k] - slope * along[k]) + shift]++;
      for (let v = 0; v < votes.length; v++) {
        if (votes[v] < MIN_COVER * length) continue;
        const offset = v - shift;
        const middle = offset + slope * (length / 2);
        if (middle >= band && middle < side - band) continue;
        // Walk across the line at each point, as far as the ink goes (a little past the thickest line
        // allowed, to measure it): a fat stroke is the mark's, not a grid line.
        const runs: { a: number; from: number; to: number }[] = [];
        for (let a = 0; a < length; a++) {
          // The line's pixel at `a` is within a pixel of where the fitted line says (rounding, slope steps).
          const fitted = Math.round(offset + slope * a);
          const centre = [fitted, fitted - 1, fitted + 1].find((c) => c >= 0 && c < side && mask[at(a, c)]);
          if (centre === undefined) continue;
          let from = centre;
          let to = centre;
          while (to + 1 < side && to - centre < 3 * maxHalf && mask[at(a, to + 1)]) to++;
          while (from - 1 >= 0 && centre - from < 3 * maxHalf && mask[at(a, from - 1)]) from--;
          runs.push({ a, from, to });
        }
        // A grid or ruled line crosses the whole picture; the flat side of a tightly cropped O stops
        // short of the corners.
        if (wholeLength && (runs.length === 0 || runs[0].a > END_GAP * length || runs[runs.length - 1].a < (1 - END_GAP) * length - 1)) continue;
        const widths = runs.map((r) => r.to - r.from + 1).sort((x, y) => x - y);
        if (widths[Math.floor(widths.length / 2)] > 2 * maxHalf + 1) continue;
        lines++;
        for (const r of runs) for (let c = Math.max(r.from, r.from + (r.to - r.from) / 2 - maxHalf); c <= Math.min(r.to, r.from + (r.to - r.from) / 2 + maxHalf); c++) out[at(r.a, Math.round(c))] = 1;
      }
    }
  }
  return { lines, pixels: out };
}
