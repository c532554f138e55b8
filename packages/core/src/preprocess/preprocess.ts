import { assertRawImage, type RawImage } from '../image/raw-image.js';
import { labelComponents, markComponents, maxThickness } from './components.js';
import { frameBox, inkBoundingBox, type Box } from './crop.js';
import { findEdgeLines } from './edge-lines.js';
import { compositeRgb, fullStrength, inkStrength, localLighting, luma, medianColor, paperColor, stretch, type Plane } from './ink.js';
import { resizeRegion } from './resize.js';
import { scratchU8 } from './scratch.js';
import { shrinkComposite } from './shrink.js';
import { channelsOf, IMAGENET_CAFFE_MEAN_BGR, parsePreprocessSpec, type PreprocessSpec, type PreprocessSpecInput } from './spec.js';

/** What preprocessing found out about the image's ink; the serving side uses it for "uncertain". */
export interface InkInfo {
  /** The paper colour (border median), RGB 0–255. */
  paper: [number, number, number];
  /** The ink's full strength as a fraction of full scale (0 for a uniform image). */
  contrast: number;
  /** Fraction of the image's pixels that are ink. */
  fraction: number;
  /** Too little ink, or too faint, to be a drawing. */
  blank: boolean;
  /** Straight lines along the edges that were left out (grid or ruled lines). */
  edgeLines: number;
  /** The region the model input was taken from, in source pixels (may reach past the edges). */
  region: Box;
}

export interface PreprocessResult {
  /** The model input for one image, row-major HWC. */
  data: Float32Array;
  shape: [number, number, 1 | 3];
  ink: InkInfo;
}

/** Grid lines are only removed when at least this share of the ink is left inside them. */
const MIN_INK_INSIDE_LINES = 0.1;

/**
 * Images are analysed at no more than this size (or four times the model input, if larger): drawings
 * and canvases (200–400 px) are analysed as they are; photos are shrunk first, which is both faster
 * and less noisy. (192 was measured too: shrinking a 300 px drawing costs what analysing it saves.)
 */
const WORK_SIDE = 384;
const WORK_PER_INPUT = 4;

/** The image to work on: composited onto the background and, when much larger than needed, shrunk. */
function workingImage(image: RawImage, spec: PreprocessSpec): { rgb: Plane; scale: number } {
  const limit = Math.max(WORK_SIDE, WORK_PER_INPUT * Math.max(...spec.size));
  const longest = Math.max(image.width, image.height);
  if (longest <= limit) return { rgb: compositeRgb(image, spec.background), scale: 1 };
  const w = Math.max(1, Math.round((image.width * limit) / longest));
  const h = Math.max(1, Math.round((image.height * limit) / longest));
  return { rgb: shrinkComposite(image, spec.background, w, h), scale: w / image.width };
}

/** The single-channel or RGB plane the model looks at, on 0–255, and the value of paper in it. */
function toPlane(rgb: Plane, inkMap: Float32Array, spec: PreprocessSpec, paper: [number, number, number]) {
  if (spec.polarity === 'keep') {
    if (spec.colorMode === 'rgb') return { plane: rgb, fill: paper as number[] };
    const gray = luma(rgb);
    return { plane: gray, fill: [paper[0] * 0.299 + paper[1] * 0.587 + paper[2] * 0.114] };
  }
  // The ink map is not needed after this: scale it to 0–255 in place.
  const bright = spec.polarity === 'ink-bright';
  for (let i = 0; i < inkMap.length; i++) inkMap[i] = bright ? inkMap[i] * 255 : 255 - inkMap[i] * 255;
  return { plane: { width: rgb.width, height: rgb.height, channels: 1, data: inkMap } as Plane, fill: [bright ? 0 : 255] };
}

/** Erases `pixels` (and a pixel around them, the anti-aliased fringe) from the ink map. */
function erase(inkMap: Float32Array, pixels: Uint8Array, width: number, height: number): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!pixels[y * width + x]) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx >= 0 && nx < width) inkMap[ny * width + nx] = 0;
        }
      }
    }
  }
}

function finish(resized: Plane, spec: PreprocessSpec): Float32Array {
  const out = resized.data;
  const c = resized.channels;
  const norm = spec.normalize;
  for (let i = 0; i < out.length; i += c) {
    if (norm.method === 'caffe') {
      // Keras's VGG16 preprocess_input ('caffe'): RGB -> BGR, minus the ImageNet means.
      const r = out[i];
      const b = out[i + 2];
      out[i] = b * spec.rescale - IMAGENET_CAFFE_MEAN_BGR[0];
      out[i + 1] = out[i + 1] * spec.rescale - IMAGENET_CAFFE_MEAN_BGR[1];
      out[i + 2] = r * spec.rescale - IMAGENET_CAFFE_MEAN_BGR[2];
      continue;
    }
    for (let ch = 0; ch < c; ch++) {
      let v = out[i + ch] * spec.rescale;
      if (norm.method === 'mean-std') v = (v - norm.mean[ch]) / norm.std[ch];
      out[i + ch] = v;
    }
  }
  return out;
}

/**
 * Below this share of ink (against the border's colour) the paper is plainly thicker than the ink,
 * so the thickness test is skipped: a drawing's strokes cover a few per cent of the picture, a dark
 * cell inside light bands a third or more.
 */
const FRAMED_INK_SHARE = 0.2;

/** The share of pixels (every second row and column) at least a quarter of full scale away from `paper`. */
function roughInkShare(rgb: Plane, paper: readonly [number, number, number]): number {
  const { width, height, data } = rgb;
  let far = 0;
  let n = 0;
  for (let y = 0; y < height; y += 2) {
    for (let x = 0, o = y * width * 3; x < width; x += 2, o += 6) {
      n++;
      if (Math.max(Math.abs(data[o] - paper[0]), Math.abs(data[o + 1] - paper[1]), Math.abs(data[o + 2] - paper[2])) >= 64) far++;
    }
  }
  return far / n;
}

/** The ink of an image against `paper`: the ink map (0–1), its mask, and whether it is blank. */
function findInk(rgb: Plane, paper: [number, number, number], spec: PreprocessSpec) {
  const strength = inkStrength(rgb, paper, spec.paper === 'local' ? localLighting(rgb, paper) : undefined);
  const full = fullStrength(strength);
  const floor = spec.contrast.method === 'stretch' ? spec.contrast.floor : 0;
  const inkMap = stretch(strength, full, floor);
  const mask = scratchU8('mask', inkMap.length);
  let inkPixels = 0;
  for (let i = 0; i < inkMap.length; i++) {
    if (inkMap[i] >= spec.ink.threshold && inkMap[i] > 0) {
      mask[i] = 1;
      inkPixels++;
    }
  }
  const contrast = full / 255;
  const blank = contrast < spec.ink.minContrast || inkPixels / inkMap.length < spec.ink.minFraction;
  // A blank page has no ink to stretch: show the model empty paper, not amplified grain.
  if (blank) inkMap.fill(0);
  return { inkMap, mask, inkPixels, contrast, blank };
}

/** Clears from the mask, and erases from the ink map, every component that is not the mark. */
function dropAllButMark(mask: Uint8Array, inkMap: Float32Array, width: number, height: number): void {
  const { labels, components } = labelComponents(mask, width, height);
  if (components.length < 2) return;
  const keep = markComponents(components, width, height);
  if (keep.size === components.length) return;
  const dropped = scratchU8('dropped', mask.length);
  for (let i = 0; i < mask.length; i++) {
    if (labels[i] && !keep.has(labels[i])) {
      dropped[i] = 1;
      mask[i] = 0;
    }
  }
  erase(inkMap, dropped, width, height);
}

/**
 * Turns one decoded image into the model's input, exactly as the model card's spec says (see
 * `preprocessSpecSchema` for the steps). Pure arithmetic on typed arrays, so the same bytes give the
 * same floats in Node, browsers and Workers.
 */
export function preprocessToArray(image: RawImage, specInput: PreprocessSpec | PreprocessSpecInput): PreprocessResult {
  assertRawImage(image);
  const spec = parsePreprocessSpec(specInput);
  const { rgb, scale } = workingImage(image, spec);
  const { width, height } = rgb;
  let paper = paperColor(rgb);
  const isolate = spec.crop.method === 'ink-bbox' && spec.crop.isolateMark;
  if (isolate && roughInkShare(rgb, paper) > FRAMED_INK_SHARE) {
    // Against one paper colour (local light would follow a frame and hide it), is the "ink" thicker
    // than the "paper"? Then the border was mostly a light frame around a light mark on dark paper
    // (a board cell), and the paper is what was taken for ink.
    const global = findInk(rgb, paper, { ...spec, paper: 'border' });
    if (!global.blank && maxThickness(global.mask, width, height, 1) > maxThickness(global.mask, width, height, 0)) paper = medianColor(rgb, global.mask);
  }
  const found = findInk(rgb, paper, spec);
  const { inkMap, mask, contrast, blank } = found;
  let { inkPixels } = found;

  let region: Box = { x: 0, y: 0, width, height };
  let edgeLines = 0;
  if (spec.crop.method === 'ink-bbox' && !blank) {
    if (spec.crop.ignoreEdgeLines) {
      const lines = findEdgeLines(mask, width, height, isolate);
      let left = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i] && !lines.pixels[i]) left++;
      // Lines with next to nothing inside them were the mark (a square O drawn tight), not a grid.
      if (lines.lines > 0 && left >= MIN_INK_INSIDE_LINES * inkPixels) {
        edgeLines = lines.lines;
        for (let i = 0; i < mask.length; i++) if (lines.pixels[i]) mask[i] = 0;
        erase(inkMap, lines.pixels, width, height);
        inkPixels = left;
      }
    }
    if (isolate) dropAllButMark(mask, inkMap, width, height);
    const box = inkBoundingBox(mask, width, height);
    if (box) region = frameBox(box, spec.crop.margin, spec.crop.square, spec.crop.stretch);
  }

  const { plane, fill } = toPlane(rgb, inkMap, spec, paper);
  const [outH, outW] = spec.size;
  const resized = resizeRegion(plane, region, fill, outW, outH, spec.resize);
  const inSource = (v: number) => Math.round(v / scale);
  const fraction = found.inkPixels / inkMap.length;
  return {
    data: finish(resized, spec),
    shape: [outH, outW, channelsOf(spec)],
    ink: {
      paper,
      contrast,
      fraction,
      blank,
      edgeLines,
      region: scale === 1 ? region : { x: inSource(region.x), y: inSource(region.y), width: inSource(region.width), height: inSource(region.height) },
    },
  };
}
