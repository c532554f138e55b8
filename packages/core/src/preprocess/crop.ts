/** A rectangle in pixel coordinates; it may reach outside the image (the outside is paper). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rows/columns this close to an edge (as a fraction of the side) may hold grid lines. */
const EDGE_BAND = 0.2;
/** A row or column in the edge band that is at least this full of ink is a straight line, not the mark. */
const LINE_FILL = 0.5;

/**
 * Marks rows and columns in the outer bands that are mostly ink: the straight lines of a tic-tac-toe
 * grid or a ruled page. A mark's own stroke rarely fills half of a row near the edge; when the mark is
 * cropped tight, at most its outermost rows are lost, which barely moves its bounding box.
 */
function edgeLines(mask: Uint8Array, width: number, height: number): { rows: Uint8Array; cols: Uint8Array } {
  const rows = new Uint8Array(height);
  const cols = new Uint8Array(width);
  const bandY = Math.floor(height * EDGE_BAND);
  const bandX = Math.floor(width * EDGE_BAND);
  const colCounts = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    let count = 0;
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) {
        count++;
        colCounts[x]++;
      }
    }
    if ((y < bandY || y >= height - bandY) && count >= width * LINE_FILL) rows[y] = 1;
  }
  for (let x = 0; x < width; x++) {
    if ((x < bandX || x >= width - bandX) && colCounts[x] >= height * LINE_FILL) cols[x] = 1;
  }
  return { rows, cols };
}

/** The bounding box of the set mask pixels, or null when none is set. */
export function inkBoundingBox(mask: Uint8Array, width: number, height: number, ignoreEdgeLines: boolean): Box | null {
  const lines = ignoreEdgeLines ? edgeLines(mask, width, height) : null;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    if (lines?.rows[y]) continue;
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x] || lines?.cols[x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Grows a box by `margin` times its longer side on every side and, when asked, to a centred square. */
export function frameBox(box: Box, margin: number, square: boolean): Box {
  const side = Math.max(box.width, box.height);
  const pad = Math.round(side * margin);
  let width = box.width + 2 * pad;
  let height = box.height + 2 * pad;
  let x = box.x - pad;
  let y = box.y - pad;
  if (square) {
    const s = side + 2 * pad;
    x -= Math.floor((s - width) / 2);
    y -= Math.floor((s - height) / 2);
    width = height = s;
  }
  return { x, y, width, height };
}
