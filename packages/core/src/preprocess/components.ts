import type { Box } from './crop.js';
import { scratchI32 } from './scratch.js';

/** One 8-connected piece of the ink mask. */
export interface Component {
  id: number;
  pixels: number;
  box: Box;
  /** Sum of x and y over the pixels (for the centroid). */
  sumX: number;
  sumY: number;
  /** For each edge (top, right, bottom, left): how many positions along it the component reaches within the edge ring. */
  contact: [number, number, number, number];
}

/**
 * Labels the 8-connected components of `mask` (1 = ink) into `labels` (0 = paper, else id) with a
 * scan-line flood fill, and measures each one. Ids follow the raster order of each component's
 * first pixel, so every runtime numbers them the same way.
 */
export function labelComponents(mask: Uint8Array, width: number, height: number): { labels: Int32Array; components: Component[] } {
  const n = width * height;
  const labels = scratchI32('labels', n).fill(0);
  const stack = scratchI32('label-stack', n);
  const ring = Math.max(1, Math.round(0.02 * Math.min(width, height)));
  const components: Component[] = [];
  for (let start = 0; start < n; start++) {
    if (!mask[start] || labels[start]) continue;
    const id = components.length + 1;
    const c: Component = { id, pixels: 0, box: { x: width, y: height, width: 0, height: 0 }, sumX: 0, sumY: 0, contact: [0, 0, 0, 0] };
    let x1 = -1;
    let y1 = -1;
    const touchTop = new Uint8Array(width);
    const touchBottom = new Uint8Array(width);
    const touchLeft = new Uint8Array(height);
    const touchRight = new Uint8Array(height);
    let top = 0;
    labels[start] = id;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top];
      const x = i % width;
      const y = (i - x) / width;
      c.pixels++;
      c.sumX += x;
      c.sumY += y;
      if (x < c.box.x) c.box.x = x;
      if (y < c.box.y) c.box.y = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
      if (y < ring) touchTop[x] = 1;
      if (y >= height - ring) touchBottom[x] = 1;
      if (x < ring) touchLeft[y] = 1;
      if (x >= width - ring) touchRight[y] = 1;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (mask[j] && !labels[j]) {
            labels[j] = id;
            stack[top++] = j;
          }
        }
      }
    }
    c.box.width = x1 - c.box.x + 1;
    c.box.height = y1 - c.box.y + 1;
    const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
    c.contact = [sum(touchTop), sum(touchRight), sum(touchBottom), sum(touchLeft)];
    components.push(c);
  }
  return { labels, components };
}

/** A component along an edge for at least this share of the edge's length is a band, frame or line. */
const BAND_CONTACT = 0.5;
/** A component touching the border whose centre lies this far (share of the side) outside the mark's box is a neighbour's stroke. */
const STRAY_OUTSIDE = 0.02;

/** A straight line near an edge (a grid or ruled line that stops short of the border): this long and this thin, as shares of the side. */
const LINE_LENGTH = 0.4;
const LINE_THICKNESS = 0.08;
const LINE_EDGE_BAND = 0.3;

function isBand(c: Component, width: number, height: number): boolean {
  const [t, r, b, l] = c.contact;
  if (t >= BAND_CONTACT * width || b >= BAND_CONTACT * width || l >= BAND_CONTACT * height || r >= BAND_CONTACT * height) return true;
  const { box } = c;
  const horizontal = box.width >= LINE_LENGTH * width && box.height <= LINE_THICKNESS * height;
  const vertical = box.height >= LINE_LENGTH * height && box.width <= LINE_THICKNESS * width;
  const cy = box.y + box.height / 2;
  const cx = box.x + box.width / 2;
  if (horizontal && (cy < LINE_EDGE_BAND * height || cy > (1 - LINE_EDGE_BAND) * height)) return true;
  return vertical && (cx < LINE_EDGE_BAND * width || cx > (1 - LINE_EDGE_BAND) * width);
}

const touchesBorder = (c: Component) => c.contact.some((v) => v > 0);

/**
 * Which components are the mark. A band, frame or grid line along the border (it runs along an edge
 * for half its length or more), or a thin straight line near an edge, is not, provided something
 * else is left; nor is a piece that touches
 * the border with its centre outside the rest of the mark's box (a neighbouring cell's stroke). A
 * mark that is itself cropped tight touches the border too, but it is then the only thing there,
 * so it is kept whole.
 */
export function markComponents(components: readonly Component[], width: number, height: number): Set<number> {
  const keep = new Set<number>();
  const candidates = components.filter((c) => !isBand(c, width, height));
  if (candidates.length === 0) {
    for (const c of components) keep.add(c.id);
    return keep;
  }
  const main = candidates.reduce((a, b) => (b.pixels > a.pixels ? b : a));
  const mx0 = main.box.x - STRAY_OUTSIDE * width;
  const mx1 = main.box.x + main.box.width + STRAY_OUTSIDE * width;
  const my0 = main.box.y - STRAY_OUTSIDE * height;
  const my1 = main.box.y + main.box.height + STRAY_OUTSIDE * height;
  for (const c of candidates) {
    if (c !== main && touchesBorder(c)) {
      const cx = c.sumX / c.pixels;
      const cy = c.sumY / c.pixels;
      if (cx < mx0 || cx > mx1 || cy < my0 || cy > my1) continue;
    }
    keep.add(c.id);
  }
  return keep;
}

/**
 * The largest distance (3-4 chamfer, in pixels) from a pixel whose mask value is `value` to the
 * nearest pixel of the other value or the image's edge: half the thickness of the thickest part.
 * Ink is drawn in strokes and paper lies around them, so paper is thicker than ink; when the
 * "ink" is thicker, the paper was taken for ink (a white mark on a black cell framed in white).
 */
export function maxThickness(mask: Uint8Array, width: number, height: number, value: 0 | 1): number {
  const d = scratchI32('chamfer', width * height);
  const far = 1 << 29;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if ((mask[i] ? 1 : 0) !== value) {
        d[i] = 0;
        continue;
      }
      let v = far;
      // Outside the image counts as the other value: distance 3 from an edge pixel.
      if (x === 0 || y === 0) v = 3;
      if (x > 0) v = Math.min(v, d[i - 1] + 3);
      if (y > 0) {
        v = Math.min(v, d[i - width] + 3);
        if (x > 0) v = Math.min(v, d[i - width - 1] + 4);
        if (x < width - 1) v = Math.min(v, d[i - width + 1] + 4);
      }
      d[i] = v;
    }
  }
  let max = 0;
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      let v = d[i];
      if (x === width - 1 || y === height - 1) v = Math.min(v, 3);
      if (x < width - 1) v = Math.min(v, d[i + 1] + 3);
      if (y < height - 1) {
        v = Math.min(v, d[i + width] + 3);
        if (x < width - 1) v = Math.min(v, d[i + width + 1] + 4);
        if (x > 0) v = Math.min(v, d[i + width - 1] + 4);
      }
      d[i] = v;
      if (v > max) max = v;
    }
  }
  return max / 3;
}
