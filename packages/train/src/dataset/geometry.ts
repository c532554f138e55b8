/** A point [x, y]; y grows downwards, as on a screen. */
export type Pt = [number, number];
/** One pen-down movement, as a list of points joined by straight segments. */
export type Stroke = Pt[];

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boundsOf(strokes: readonly Stroke[]): Bounds {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of strokes) {
    for (const [x, y] of s) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return { x0, y0, x1, y1 };
}

export function mapStrokes(strokes: readonly Stroke[], f: (p: Pt) => Pt): Stroke[] {
  return strokes.map((s) => s.map(f));
}

export function rotatePt([x, y]: Pt, angle: number, [cx, cy]: Pt = [0, 0]): Pt {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const dx = x - cx;
  const dy = y - cy;
  return [cx + dx * c - dy * s, cy + dx * s + dy * c];
}

/** Rotates by `angle` about the origin, then shears x by `shear` per unit of y (a handwriting slant). */
export function rotateShear(strokes: readonly Stroke[], angle: number, shear = 0): Stroke[] {
  return mapStrokes(strokes, (p) => {
    const [x, y] = rotatePt(p, angle);
    return [x + shear * y, y];
  });
}

/** Scales and moves strokes so their bounding box fills `box` (aspect ratio kept unless `stretch`). */
export function fitInto(strokes: readonly Stroke[], box: Bounds, stretch = false): Stroke[] {
  const b = boundsOf(strokes);
  const w = Math.max(b.x1 - b.x0, 1e-6);
  const h = Math.max(b.y1 - b.y0, 1e-6);
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const sx = stretch ? bw / w : Math.min(bw / w, bh / h);
  const sy = stretch ? bh / h : sx;
  const ox = box.x0 + (bw - w * sx) / 2;
  const oy = box.y0 + (bh - h * sy) / 2;
  return mapStrokes(strokes, ([x, y]) => [ox + (x - b.x0) * sx, oy + (y - b.y0) * sy]);
}

/** Points of a quadratic Bézier from a to b bent by `bend` (a fraction of |ab|, to the left of ab). */
export function bentLine(a: Pt, b: Pt, bend: number, steps: number): Stroke {
  const mx = (a[0] + b[0]) / 2;
  const my = (a[1] + b[1]) / 2;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  // The control point sits at twice the curve's mid-point offset.
  const c: Pt = [mx - dy * bend * 2, my + dx * bend * 2];
  const out: Stroke = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]]);
  }
  return out;
}

export function strokeLength(s: Stroke): number {
  let len = 0;
  for (let i = 1; i < s.length; i++) len += Math.hypot(s[i][0] - s[i - 1][0], s[i][1] - s[i - 1][1]);
  return len;
}

/** Resamples a stroke to points `spacing` apart along its length (keeps both ends). */
export function resample(s: Stroke, spacing: number): Stroke {
  if (s.length < 2) return s.slice();
  const out: Stroke = [s[0]];
  let carry = 0;
  for (let i = 1; i < s.length; i++) {
    const [ax, ay] = s[i - 1];
    const [bx, by] = s[i];
    const seg = Math.hypot(bx - ax, by - ay);
    let d = spacing - carry;
    while (d <= seg) {
      const t = d / seg;
      out.push([ax + (bx - ax) * t, ay + (by - ay) * t]);
      d += spacing;
    }
    carry = seg - (d - spacing);
  }
  const last = s[s.length - 1];
  const prev = out[out.length - 1];
  if (prev[0] !== last[0] || prev[1] !== last[1]) out.push(last);
  return out;
}

/** Unit tangent at the end (`atEnd`) or the start of a stroke, pointing away from the stroke. */
export function endDirection(s: Stroke, atEnd: boolean): Pt {
  const n = s.length;
  const k = Math.min(3, n - 1);
  const [a, b] = atEnd ? [s[n - 1 - k], s[n - 1]] : [s[k], s[0]];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
}

/**
 * A projective map taking the unit square's corners to `corners` (top-left, top-right,
 * bottom-right, bottom-left): the slight perspective of a page photographed at an angle.
 */
export function homography(corners: readonly [Pt, Pt, Pt, Pt]): (p: Pt) => Pt {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = corners;
  // Heckbert's closed form for the square-to-quad map.
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  let a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number;
  if (Math.abs(sx) < 1e-12 && Math.abs(sy) < 1e-12) {
    [a, b, c, d, e, f, g, h] = [x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0];
  } else {
    const dx1 = x1 - x2;
    const dx2 = x3 - x2;
    const dy1 = y1 - y2;
    const dy2 = y3 - y2;
    const den = dx1 * dy2 - dx2 * dy1;
    g = (sx * dy2 - dx2 * sy) / den;
    h = (dx1 * sy - sx * dy1) / den;
    a = x1 - x0 + g * x1;
    b = x3 - x0 + h * x3;
    c = x0;
    d = y1 - y0 + g * y1;
    e = y3 - y0 + h * y3;
    f = y0;
  }
  return ([u, v]) => {
    const w = g * u + h * v + 1;
    return [(a * u + b * v + c) / w, (d * u + e * v + f) / w];
  };
}
