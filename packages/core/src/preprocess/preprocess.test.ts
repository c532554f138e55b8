import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image.js';
import { preprocessToArray } from './preprocess.js';
import { parsePreprocessSpec } from './spec.js';

const gray = (width: number, height: number, values: number[]): RawImage => ({ width, height, channels: 1, data: Uint8Array.from(values) });
const close = (actual: Float32Array, expected: number[], digits = 5) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
};

/** A white page with a black square of ink at rows y0..y1, columns x0..x1 (inclusive). */
function page(width: number, height: number, ink: { x0: number; x1: number; y0: number; y1: number }[], paper = 255, inkValue = 0): RawImage {
  const data = new Uint8Array(width * height).fill(paper);
  for (const r of ink) for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) data[y * width + x] = inkValue;
  return { width, height, channels: 1, data };
}

const INK_SPEC = {
  size: [4, 4] as [number, number],
  colorMode: 'grayscale' as const,
  polarity: 'ink-bright' as const,
  contrast: { method: 'stretch' as const, floor: 0 },
  crop: { method: 'none' as const },
};

describe('preprocessToArray', () => {
  it('composites transparency onto white before grayscale (a transparent canvas is not black)', () => {
    // 2x1 RGBA: fully transparent black, then half-transparent red.
    const img: RawImage = { width: 2, height: 1, channels: 4, data: Uint8Array.from([0, 0, 0, 0, 255, 0, 0, 128]) };
    const out = preprocessToArray(img, { size: [1, 2], colorMode: 'grayscale', rescale: 1 / 255 });
    const a = 128 / 255;
    // red over white: (255a + 255(1-a), 255(1-a), 255(1-a)) -> luma
    const luma = (255 * 0.299 + 255 * (1 - a) * 0.587 + 255 * (1 - a) * 0.114) / 255;
    close(out.data, [1, luma]);
  });

  it('uses PIL luma weights and rescales', () => {
    const img: RawImage = { width: 1, height: 1, channels: 3, data: Uint8Array.from([100, 50, 200]) };
    const out = preprocessToArray(img, { size: [1, 1], colorMode: 'grayscale', rescale: 1 / 255 });
    close(out.data, [(100 * 0.299 + 50 * 0.587 + 200 * 0.114) / 255]);
  });

  it('averages 2x2 blocks when shrinking with area', () => {
    const img = gray(4, 2, [0, 10, 20, 30, 40, 50, 60, 70]);
    const out = preprocessToArray(img, { size: [1, 2], colorMode: 'grayscale', resize: 'area', rescale: 1 });
    close(out.data, [(0 + 10 + 40 + 50) / 4, (20 + 30 + 60 + 70) / 4]);
  });

  it('weighs partial pixels by overlap when the scale is not whole', () => {
    // 3 -> 2: output 0 covers [0, 1.5): pixel 0 fully, pixel 1 half.
    const img = gray(3, 1, [0, 30, 90]);
    const out = preprocessToArray(img, { size: [1, 2], colorMode: 'grayscale', resize: 'area', rescale: 1 });
    close(out.data, [(0 * 1 + 30 * 0.5) / 1.5, (30 * 0.5 + 90 * 1) / 1.5], 4);
  });

  it('interpolates with half-pixel centres when enlarging', () => {
    const img = gray(2, 1, [0, 100]);
    const out = preprocessToArray(img, { size: [1, 4], colorMode: 'grayscale', resize: 'area', rescale: 1 });
    // centres at -0.25, 0.25, 0.75, 1.25 in source pixels, clamped at the edges
    close(out.data, [0, 25, 75, 100]);
  });

  it('picks the nearest pixel as Keras/PIL do', () => {
    const img = gray(4, 1, [0, 10, 20, 30]);
    close(preprocessToArray(img, { size: [1, 2], colorMode: 'grayscale', resize: 'nearest', rescale: 1 }).data, [10, 30]);
  });

  it('turns dark ink on light paper and light ink on dark paper into the same ink map', () => {
    const ink = [{ x0: 1, x1: 2, y0: 1, y1: 2 }];
    const dark = preprocessToArray(page(4, 4, ink, 240, 40), INK_SPEC);
    const light = preprocessToArray(page(4, 4, ink, 20, 220), INK_SPEC);
    const expected = [0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0];
    close(dark.data, expected);
    close(light.data, expected);
    close(preprocessToArray(page(4, 4, ink, 240, 40), { ...INK_SPEC, polarity: 'ink-dark' }).data, expected.map((v) => 1 - v));
  });

  it('stretches faint ink to full scale and drops what is under the floor', () => {
    // 6x6 paper of 200; ink of 160 (strength 40) at row 2, a faint smudge of 195 (strength 5,
    // under a 0.2 floor) at row 3.
    const img = page(6, 6, [{ x0: 2, x1: 3, y0: 2, y1: 2 }], 200, 160);
    (img.data as Uint8Array).fill(195, 3 * 6 + 2, 3 * 6 + 4);
    const out = preprocessToArray(img, { ...INK_SPEC, size: [6, 6], contrast: { method: 'stretch', floor: 0.2 } });
    const z = [0, 0, 0, 0, 0, 0];
    close(out.data, [...z, ...z, 0, 0, 1, 1, 0, 0, ...z, ...z, ...z]);
    expect(out.ink.contrast).toBeCloseTo(40 / 255);
  });

  it('crops to the ink with a margin, squared, padding with paper', () => {
    // 20x10 page, ink block at x 4..7, y 2..5 (4x4). Margin 0.25 -> 1 px each side -> 6x6 at (3,1).
    const img = page(20, 10, [{ x0: 4, x1: 7, y0: 2, y1: 5 }]);
    const out = preprocessToArray(img, { ...INK_SPEC, size: [6, 6], crop: { method: 'ink-bbox', margin: 0.25, square: true } });
    expect(out.ink.region).toEqual({ x: 3, y: 1, width: 6, height: 6 });
    const row = [0, 1, 1, 1, 1, 0];
    close(out.data, [...Array(6).fill(0), ...row, ...row, ...row, ...row, ...Array(6).fill(0)]);
  });

  it('squares a wide mark around its centre, the outside read as paper', () => {
    const img = page(10, 10, [{ x0: 0, x1: 9, y0: 4, y1: 5 }]);
    const out = preprocessToArray(img, { ...INK_SPEC, size: [10, 10], crop: { method: 'ink-bbox', margin: 0, square: true, ignoreEdgeLines: false } });
    expect(out.ink.region).toEqual({ x: 0, y: 0, width: 10, height: 10 });
    const tall = preprocessToArray(page(10, 6, [{ x0: 4, x1: 5, y0: 0, y1: 5 }]), { ...INK_SPEC, size: [6, 6], crop: { method: 'ink-bbox', margin: 0, square: true, ignoreEdgeLines: false } });
    expect(tall.ink.region).toEqual({ x: 2, y: 0, width: 6, height: 6 });
  });

  it('ignores grid lines along the edges when framing the mark', () => {
    const mark = { x0: 8, x1: 11, y0: 8, y1: 11 };
    const lines = [{ x0: 0, x1: 19, y0: 1, y1: 1 }, { x0: 18, x1: 18, y0: 0, y1: 19 }];
    const spec = { ...INK_SPEC, crop: { method: 'ink-bbox' as const, margin: 0, square: true } };
    expect(preprocessToArray(page(20, 20, [mark, ...lines]), spec).ink.region).toEqual({ x: 8, y: 8, width: 4, height: 4 });
    const noIgnore = { ...INK_SPEC, crop: { method: 'ink-bbox' as const, margin: 0, square: true, ignoreEdgeLines: false } };
    expect(preprocessToArray(page(20, 20, [mark, ...lines]), noIgnore).ink.region).toEqual({ x: 0, y: 0, width: 20, height: 20 });
  });

  it('keeps a bar across the middle of a tightly cropped mark (only edge bands hold grid lines)', () => {
    const plus = [{ x0: 0, x1: 9, y0: 4, y1: 5 }, { x0: 4, x1: 5, y0: 0, y1: 9 }];
    const out = preprocessToArray(page(10, 10, plus), { ...INK_SPEC, crop: { method: 'ink-bbox', margin: 0, square: true } });
    expect(out.ink.region).toEqual({ x: 0, y: 0, width: 10, height: 10 });
  });

  it('calls a uniform or faint page blank and gives the model empty paper', () => {
    const uniform = preprocessToArray(page(8, 8, []), INK_SPEC);
    expect(uniform.ink.blank).toBe(true);
    expect(uniform.ink.contrast).toBe(0);
    const faint = preprocessToArray(page(8, 8, [{ x0: 2, x1: 5, y0: 2, y1: 5 }], 255, 250), INK_SPEC);
    expect(faint.ink.blank).toBe(true);
    expect(Array.from(faint.data).every((v) => v === 0)).toBe(true);
    const speck = preprocessToArray(page(100, 100, [{ x0: 50, x1: 50, y0: 50, y1: 50 }]), { ...INK_SPEC, ink: { minFraction: 0.001 } });
    expect(speck.ink.blank).toBe(true);
    const drawn = preprocessToArray(page(8, 8, [{ x0: 2, x1: 5, y0: 2, y1: 5 }]), INK_SPEC);
    expect(drawn.ink.blank).toBe(false);
  });

  it("applies Keras's VGG16 'caffe' preprocessing: BGR minus the ImageNet means", () => {
    const img: RawImage = { width: 1, height: 1, channels: 3, data: Uint8Array.from([10, 20, 30]) };
    const out = preprocessToArray(img, { size: [1, 1], colorMode: 'rgb', rescale: 1, normalize: { method: 'caffe' } });
    close(out.data, [30 - 103.939, 20 - 116.779, 10 - 123.68], 4);
  });

  it('normalises by mean and std per channel', () => {
    const img: RawImage = { width: 1, height: 1, channels: 3, data: Uint8Array.from([255, 0, 51]) };
    const out = preprocessToArray(img, { size: [1, 1], colorMode: 'rgb', rescale: 1 / 255, normalize: { method: 'mean-std', mean: [0.5, 0.5, 0.5], std: [0.5, 0.25, 0.1] } });
    close(out.data, [1, -2, -3]);
  });

  it('gives identical bytes for identical input (no hidden state)', () => {
    const img = page(30, 20, [{ x0: 5, x1: 20, y0: 4, y1: 9 }]);
    const a = preprocessToArray(img, { ...INK_SPEC, size: [8, 8], crop: { method: 'ink-bbox' } });
    const b = preprocessToArray(img, { ...INK_SPEC, size: [8, 8], crop: { method: 'ink-bbox' } });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('rejects malformed images and specs with a message naming the problem', () => {
    expect(() => preprocessToArray({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) }, INK_SPEC)).toThrow(/3 bytes; 2x2x1 needs 4/);
    expect(() => preprocessToArray({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) }, INK_SPEC)).toThrow(/positive/);
    expect(() => parsePreprocessSpec({ size: [4, 4], colorMode: 'rgb', polarity: 'ink-bright' })).toThrow(/needs colorMode 'grayscale'/);
    expect(() => parsePreprocessSpec({ size: [4, 4], colorMode: 'rgb', normalize: { method: 'caffe' } })).toThrow(/rescale 1/);
    expect(() => parsePreprocessSpec({ size: [0, 4], colorMode: 'rgb' })).toThrow();
  });
});

describe('preprocessToArray: photos, grid lines and big images', () => {
  /** A page whose paper darkens from 250 on the left to 120 on the right (a shadow), with a small mark. */
  function shadowedPage(width: number, height: number, mark: { x0: number; x1: number; y0: number; y1: number }, ink: number): RawImage {
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = Math.round(250 - (130 * x) / (width - 1));
    for (let y = mark.y0; y <= mark.y1; y++) for (let x = mark.x0; x <= mark.x1; x++) data[y * width + x] = ink;
    return { width, height, channels: 1, data };
  }

  it("follows uneven light with paper 'local', where one paper colour mistakes the shadow for ink", () => {
    const img = shadowedPage(80, 60, { x0: 10, x1: 19, y0: 20, y1: 29 }, 60);
    const spec = { ...INK_SPEC, size: [8, 8] as [number, number], crop: { method: 'ink-bbox' as const, margin: 0, square: false } };
    const border = preprocessToArray(img, { ...spec, paper: 'border' });
    expect(border.ink.region.width).toBeGreaterThan(40);
    const local = preprocessToArray(img, { ...spec, paper: 'local' });
    expect(local.ink.region).toEqual({ x: 10, y: 20, width: 10, height: 10 });
  });

  it('calls a shadowed but empty photo blank with local paper', () => {
    const img = shadowedPage(80, 60, { x0: 0, x1: -1, y0: 0, y1: -1 }, 0);
    expect(preprocessToArray(img, { ...INK_SPEC, paper: 'local' }).ink.blank).toBe(true);
    expect(preprocessToArray(img, { ...INK_SPEC, paper: 'border' }).ink.blank).toBe(false);
  });

  it('finds tilted grid lines and a closed frame of them, leaves them out of the box and erases them', () => {
    const width = 100;
    const height = 100;
    const data = new Uint8Array(width * height).fill(255);
    const set = (x: number, y: number) => {
      if (x >= 0 && x < width && y >= 0 && y < height) data[y * width + x] = 0;
    };
    for (let t = 0; t < 100; t++) {
      // a frame: top line tilted ~3°, bottom, left and right lines, all joined at the corners
      set(t, 4 + Math.round(t * 0.05));
      set(t, 95);
      set(3, t);
      set(96, t);
    }
    // an X inside the cell, 40 px across
    for (let t = 0; t < 40; t++) for (const w of [0, 1]) {
      set(30 + t + w, 30 + t);
      set(70 - t + w, 30 + t);
    }
    const out = preprocessToArray({ width, height, channels: 1, data }, { ...INK_SPEC, size: [100, 100], crop: { method: 'ink-bbox', margin: 0, square: false } });
    expect(out.ink.edgeLines).toBeGreaterThanOrEqual(4);
    expect(out.ink.region).toEqual({ x: 30, y: 30, width: 42, height: 40 });
    // erased from what the model sees: the border of the output is empty paper
    expect(out.data[5 * 100 + 50]).toBe(0);
    expect(out.data[50 * 100 + 3]).toBe(0);
  });

  it('keeps a square O drawn tight: its sides are the mark, not a grid (too fat, or nothing inside)', () => {
    const size = 60;
    const data = new Uint8Array(size * size).fill(255);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
      const edge = Math.min(x, y, size - 1 - x, size - 1 - y);
      const corner = Math.min(x, size - 1 - x) < 8 && Math.min(y, size - 1 - y) < 8 && Math.hypot(Math.min(x, size - 1 - x) - 8, Math.min(y, size - 1 - y) - 8) > 8;
      if (edge < 8 && !corner) data[y * size + x] = 0;
    }
    const out = preprocessToArray({ width: size, height: size, channels: 1, data }, { ...INK_SPEC, size: [size, size], crop: { method: 'ink-bbox', margin: 0, square: true } });
    expect(out.ink.edgeLines).toBe(0);
    expect(out.ink.region).toEqual({ x: 0, y: 0, width: size, height: size });
    const thin = new Uint8Array(size * size).fill(255);
    for (let t = 0; t < size; t++) for (const d of [0, 1]) {
      thin[d * size + t] = thin[(size - 1 - d) * size + t] = thin[t * size + d] = thin[t * size + size - 1 - d] = 0;
    }
    const thinOut = preprocessToArray({ width: size, height: size, channels: 1, data: thin }, { ...INK_SPEC, size: [size, size], crop: { method: 'ink-bbox', margin: 0, square: true } });
    expect(thinOut.ink.edgeLines).toBe(0);
  });

  it('works on a shrunk copy of a big image and reports the region in source pixels', () => {
    const big = page(1600, 1200, [{ x0: 400, x1: 799, y0: 300, y1: 699 }]);
    const out = preprocessToArray(big, { ...INK_SPEC, size: [8, 8], crop: { method: 'ink-bbox', margin: 0, square: true } });
    expect(out.ink.region.x).toBeGreaterThanOrEqual(396);
    expect(out.ink.region.x).toBeLessThanOrEqual(404);
    expect(out.ink.region.width).toBeGreaterThanOrEqual(396);
    expect(out.ink.region.width).toBeLessThanOrEqual(404);
    expect(Math.min(...out.data)).toBeGreaterThan(0.9);
  });
});
