/** A rectangle in pixel coordinates; it may reach outside the image (the outside is paper). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bounding box of the set mask pixels, or null when none is set. */
export function inkBoundingBox(mask: Uint8Array, width: number, height: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Grows a box by `margin` times its longer side on every side and, when asked, to a centred square.
 * With `stretch` above 1, the box is only widened (or heightened) until its sides are at most
 * `stretch` to 1, and each side gets a margin of its own length: resizing it to a square input then
 * stretches a flattened O back into a round one and a squashed X into a plain one, while a line
 * never becomes a blob.
 */
export function frameBox(box: Box, margin: number, square: boolean, stretch = 1): Box {
  if (square && stretch > 1) {
    const long = Math.max(box.width, box.height);
    const short = Math.max(long / stretch, Math.min(box.width, box.height));
    const w = box.width >= box.height ? box.width : short;
    const h = box.width >= box.height ? short : box.height;
    const width = Math.round(w * (1 + 2 * margin));
    const height = Math.round(h * (1 + 2 * margin));
    return { x: Math.round(box.x + box.width / 2 - width / 2), y: Math.round(box.y + box.height / 2 - height / 2), width, height };
  }
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
