import { inkBoundingBox, parsePreprocessSpec, preprocessToArray, type Box, type PreprocessSpecInput, type RawImage } from '@inkling/core';
import sharp from 'sharp';
import { readImage } from '../data/index.js';

export type RGB = [number, number, number];

/**
 * An image decoded to RGBA, with what the transforms need to know about its paper and ink. The paper,
 * the ink map and "blank" are core's preprocessing's own (the steps every model input goes through),
 * taken at the image's full size with no crop, so the suite and the model agree on what is ink.
 */
export interface InkAnalysis {
  width: number;
  height: number;
  /** RGBA, straight alpha, as decoded. */
  rgba: Uint8Array;
  /** True when some pixel is not fully opaque: the "paper" is then transparency. */
  transparent: boolean;
  /** The image as a viewer sees it: alpha composited onto white, RGB. */
  seen: Uint8Array;
  /** The paper colour as core finds it (the border's median, on white). */
  paper: RGB;
  /** The ink colour: the median of the pixels core's ink map calls full-strength ink. */
  ink: RGB;
  /** Core's ink map, 0 (paper) to 1 (full ink), one value per pixel. */
  inkMap: Float32Array;
  /** The mark's bounding box (pixels core counts as ink), or null for a blank image. */
  bbox: Box | null;
  /** Core's verdict: too little or too faint ink to be a drawing. */
  blank: boolean;
}

/** Core's preprocessing with nothing cropped or resized: the ink map at full size, or the image on white. */
const INK_MAP: PreprocessSpecInput = { size: [1, 1], colorMode: 'grayscale', paper: 'border', polarity: 'ink-bright', contrast: { method: 'stretch' }, resize: 'nearest', rescale: 1 / 255 };
const ON_WHITE: PreprocessSpecInput = { size: [1, 1], colorMode: 'rgb', resize: 'nearest', rescale: 1 };
const INK_THRESHOLD = parsePreprocessSpec(INK_MAP).ink.threshold;
/**
 * Core's spec takes inputs up to this side; at the full size, its analysis then never shrinks first.
 * Larger images are shrunk to it before the analysis (the transformed image is then that size too).
 */
const MAX_SIDE = 1024;

/** Pixels at least this strong (0–1 of the ink map) give the ink its colour. */
const FULL_INK = 0.75;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Analyses a decoded image (see InkAnalysis). */
export function analyseRaw(image: RawImage): InkAnalysis {
  const { width, height } = image;
  if (Math.max(width, height) > MAX_SIDE) throw new Error(`the robustness transforms take images up to ${MAX_SIDE} px a side, got ${width}×${height}`);
  const size: [number, number] = [height, width];
  const map = preprocessToArray(image, { ...INK_MAP, size });
  const onWhite = preprocessToArray(image, { ...ON_WHITE, size });
  const n = width * height;
  const seen = new Uint8Array(n * 3);
  for (let i = 0; i < n * 3; i++) seen[i] = Math.round(onWhite.data[i]);
  const inkMap = map.data;
  const mask = new Uint8Array(n);
  const strong: number[][] = [[], [], []];
  for (let i = 0; i < n; i++) {
    if (inkMap[i] >= INK_THRESHOLD && inkMap[i] > 0) mask[i] = 1;
    if (inkMap[i] >= FULL_INK) for (let c = 0; c < 3; c++) strong[c].push(seen[i * 3 + c]);
  }
  const blank = map.ink.blank;
  const bbox = blank ? null : inkBoundingBox(mask, width, height);
  const paper = map.ink.paper;
  const ink = (bbox ? strong.map(median) : paper.map((v) => 255 - v)) as RGB;
  const rgba = new Uint8Array(n * 4);
  const ch = image.channels;
  let transparent = false;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * ch + (ch === 1 ? 0 : c)];
    const a = ch === 4 ? image.data[i * 4 + 3] : 255;
    rgba[i * 4 + 3] = a;
    if (a < 255) transparent = true;
  }
  return { width, height, rgba, transparent, seen, paper, ink, inkMap, bbox, blank };
}

/** A photo larger than core's spec allows, shrunk (area-averaged) so its longer side is MAX_SIDE. */
async function shrink(image: RawImage): Promise<RawImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: image.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * The analyses of the byte arrays seen so far: the suite hands the same drawing's bytes to every
 * transformation, and most begin by analysing them. Keyed by the array itself (its bytes are not
 * expected to change), so an array no longer used lets its analysis go too. Callers never write to
 * an analysis.
 */
const analysed = new WeakMap<Uint8Array, Promise<InkAnalysis>>();

/**
 * Decodes image bytes (with the trainer's decoder), shrinks them to at most MAX_SIDE a side and
 * analyses them; the same array is analysed once.
 */
export function analyseInk(input: Uint8Array): Promise<InkAnalysis> {
  let analysis = analysed.get(input);
  if (!analysis) {
    analysis = readImage(input).then(async (image) => analyseRaw(Math.max(image.width, image.height) > MAX_SIDE ? await shrink(image) : image));
    analysed.set(input, analysis);
  }
  return analysis;
}
