import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image.js';
import { labelComponents, markComponents, maxThickness } from './components.js';
import { frameBox } from './crop.js';
import { preprocessToArray } from './preprocess.js';

type Rect = { x0: number; x1: number; y0: number; y1: number };

/** A grey page (`paper`) with rectangles of `ink`, and rings (an O's outline) of `ink`. */
function page(size: number, o: { rects?: Rect[]; rings?: { cx: number; cy: number; rx: number; ry: number; t: number }[]; paper?: number; ink?: number }): RawImage {
  const paper = o.paper ?? 255;
  const ink = o.ink ?? 0;
  const data = new Uint8Array(size * size).fill(paper);
  for (const r of o.rects ?? []) for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) data[y * size + x] = ink;
  for (const ring of o.rings ?? []) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const d = Math.hypot((x + 0.5 - ring.cx) / ring.rx, (y + 0.5 - ring.cy) / ring.ry);
        const r = Math.min(ring.rx, ring.ry);
        if (Math.abs(d - 1) * r <= ring.t / 2) data[y * size + x] = ink;
      }
    }
  }
  return { width: size, height: size, channels: 1, data };
}

const maskOf = (img: RawImage) => Uint8Array.from(img.data, (v) => (v < 128 ? 1 : 0));

const SPEC = {
  size: [32, 32] as [number, number],
  colorMode: 'grayscale' as const,
  paper: 'local' as const,
  polarity: 'ink-bright' as const,
  contrast: { method: 'stretch' as const, floor: 0.2 },
  crop: { method: 'ink-bbox' as const, margin: 0.15, square: true, stretch: 3, ignoreEdgeLines: true, isolateMark: true },
};

describe('labelComponents', () => {
  it('numbers 8-connected pieces in raster order and measures them', () => {
    // Two diagonal pixels touch (8-connected); a third piece stands apart at the right edge.
    const img = page(10, { rects: [{ x0: 1, x1: 1, y0: 1, y1: 1 }, { x0: 2, x1: 2, y0: 2, y1: 2 }, { x0: 9, x1: 9, y0: 4, y1: 7 }] });
    const { components, labels } = labelComponents(maskOf(img), 10, 10);
    expect(components.map((c) => c.pixels)).toEqual([2, 4]);
    expect(components[0].box).toEqual({ x: 1, y: 1, width: 2, height: 2 });
    expect(components[1].contact).toEqual([0, 4, 0, 0]);
    expect(labels[2 * 10 + 2]).toBe(1);
    expect(labels[5 * 10 + 9]).toBe(2);
  });
});

describe('markComponents', () => {
  it('drops a band along an edge and keeps the mark inside', () => {
    const img = page(40, { rects: [{ x0: 0, x1: 39, y0: 0, y1: 5 }], rings: [{ cx: 20, cy: 24, rx: 8, ry: 8, t: 2 }] });
    const { components } = labelComponents(maskOf(img), 40, 40);
    const keep = markComponents(components, 40, 40);
    expect(components.length).toBe(2);
    expect([...keep]).toEqual([components.find((c) => c.box.y > 10)!.id]);
  });

  it('keeps a tight mark that touches every edge when nothing else is there', () => {
    const img = page(30, { rings: [{ cx: 15, cy: 15, rx: 14.5, ry: 14.5, t: 3 }] });
    const { components } = labelComponents(maskOf(img), 30, 30);
    expect(components.length).toBe(1);
    expect(components[0].contact.every((c) => c > 0)).toBe(true);
    expect(markComponents(components, 30, 30).size).toBe(1);
  });

  it("drops a neighbour's stroke reaching in from the border beside the mark", () => {
    const img = page(60, { rects: [{ x0: 0, x1: 8, y0: 4, y1: 6 }], rings: [{ cx: 34, cy: 34, rx: 12, ry: 12, t: 3 }] });
    const { components } = labelComponents(maskOf(img), 60, 60);
    const keep = markComponents(components, 60, 60);
    expect(components.length).toBe(2);
    expect(keep.size).toBe(1);
    expect(components.find((c) => keep.has(c.id))!.box.x).toBeGreaterThan(15);
  });
});

describe('maxThickness', () => {
  it('is half the thickest part, in pixels, with the image edge as a boundary', () => {
    const img = page(40, { rects: [{ x0: 10, x1: 19, y0: 5, y1: 34 }] });
    const mask = maskOf(img);
    expect(maxThickness(mask, 40, 40, 1)).toBe(5);
    // The paper's widest open part is the 20 px strip right of the bar, bounded by the edge.
    expect(maxThickness(mask, 40, 40, 0)).toBe(10);
  });
});

describe('frameBox with stretch', () => {
  it('keeps a 3:1 box as it is (plus margins of its own sides) and widens a 6:1 one to 3:1', () => {
    expect(frameBox({ x: 0, y: 0, width: 90, height: 30 }, 0.1, true, 3)).toEqual({ x: -9, y: -3, width: 108, height: 36 });
    const wide = frameBox({ x: 0, y: 0, width: 60, height: 10 }, 0, true, 3);
    expect(wide).toEqual({ x: 0, y: -5, width: 60, height: 20 });
    expect(frameBox({ x: 0, y: 0, width: 60, height: 10 }, 0, true, 1)).toEqual({ x: 0, y: -25, width: 60, height: 60 });
  });
});

describe('preprocessToArray with isolateMark', () => {
  const centreRing = (data: Float32Array) => {
    // Mean brightness of the input's border rows/columns (where a band would show) vs the whole.
    let edge = 0;
    for (let i = 0; i < 32; i++) edge += data[i] + data[31 * 32 + i] + data[i * 32] + data[i * 32 + 31];
    return edge / 128;
  };

  it('reads a light O on a black cell framed by light bands on three sides the right way round, without the bands', () => {
    const img = page(80, {
      paper: 0,
      ink: 255,
      rects: [{ x0: 0, x1: 79, y0: 0, y1: 15 }, { x0: 0, x1: 11, y0: 0, y1: 79 }, { x0: 0, x1: 79, y0: 68, y1: 79 }],
      rings: [{ cx: 44, cy: 42, rx: 11, ry: 11, t: 3 }],
    });
    const out = preprocessToArray(img, SPEC);
    expect(out.ink.paper).toEqual([0, 0, 0]);
    // The ring fills the input: framed on the ring, not on the bands.
    expect(out.ink.region.width).toBeLessThan(35);
    expect(centreRing(out.data)).toBeLessThan(0.05);
    const without = preprocessToArray(img, { ...SPEC, crop: { ...SPEC.crop, isolateMark: false } });
    expect(without.ink.region.width).toBeGreaterThan(60);
  });

  it('keeps the flat sides of a tightly cropped, flattened O (the edge-line eraser leaves them)', () => {
    const img = page(90, { rings: [{ cx: 45, cy: 45, rx: 44.5, ry: 15, t: 4 }] });
    const out = preprocessToArray(img, SPEC);
    expect(out.ink.edgeLines).toBe(0);
    // Stretched 3:1 back to round: ink along the input's top and bottom rows' middle.
    const colMid = (row: number) => Math.max(...Array.from({ length: 8 }, (_, k) => out.data[row * 32 + 12 + k]));
    expect(Math.max(colMid(4), colMid(5), colMid(6))).toBeGreaterThan(0.5);
    expect(Math.max(colMid(25), colMid(26), colMid(27))).toBeGreaterThan(0.5);
  });

  it('still erases a grid line that crosses the whole picture beside the mark', () => {
    const img = page(100, { rects: [{ x0: 0, x1: 99, y0: 6, y1: 7 }], rings: [{ cx: 50, cy: 55, rx: 20, ry: 20, t: 3 }] });
    const out = preprocessToArray(img, SPEC);
    expect(out.ink.region.y).toBeGreaterThan(20);
  });
});
