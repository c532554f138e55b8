import { assertRawImage, type RawImage } from '../image/raw-image.js';
import { frameBox, inkBoundingBox, type Box } from './crop.js';
import { compositeRgb, fullStrength, inkStrength, luma, paperColor, stretch, type Plane } from './ink.js';
import { resizeRegion } from './resize.js';
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
  /** The region the model input was taken from, in source pixels (may reach past the edges). */
  region: Box;
}

export interface PreprocessResult {
  /** The model input for one image, row-major HWC. */
  data: Float32Array;
  shape: [number, number, 1 | 3];
  ink: InkInfo;
}

/** The single-channel or RGB plane the model looks at, on 0–255, and the value of paper in it. */
function toPlane(rgb: Plane, inkMap: Float32Array, spec: PreprocessSpec, paper: [number, number, number]) {
  if (spec.polarity === 'keep') {
    if (spec.colorMode === 'rgb') return { plane: rgb, fill: paper as number[] };
    const gray = luma(rgb);
    return { plane: gray, fill: [paper[0] * 0.299 + paper[1] * 0.587 + paper[2] * 0.114] };
  }
  const out = new Float32Array(inkMap.length);
  const bright = spec.polarity === 'ink-bright';
  for (let i = 0; i < out.length; i++) out[i] = bright ? inkMap[i] * 255 : 255 - inkMap[i] * 255;
  return { plane: { width: rgb.width, height: rgb.height, channels: 1, data: out } as Plane, fill: [bright ? 0 : 255] };
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
 * Turns one decoded image into the model's input, exactly as the model card's spec says (see
 * `preprocessSpecSchema` for the steps). Pure arithmetic on typed arrays, so the same bytes give the
 * same floats in Node, browsers and Workers.
 */
export function preprocessToArray(image: RawImage, specInput: PreprocessSpec | PreprocessSpecInput): PreprocessResult {
  assertRawImage(image);
  const spec = parsePreprocessSpec(specInput);
  const { width, height } = image;
  const rgb = compositeRgb(image, spec.background);
  const paper = paperColor(rgb);
  const strength = inkStrength(rgb, paper);
  const full = fullStrength(strength);
  const floor = spec.contrast.method === 'stretch' ? spec.contrast.floor : 0;
  const inkMap = stretch(strength, full, floor);

  const mask = new Uint8Array(inkMap.length);
  let inkPixels = 0;
  for (let i = 0; i < inkMap.length; i++) {
    if (inkMap[i] >= spec.ink.threshold && inkMap[i] > 0) {
      mask[i] = 1;
      inkPixels++;
    }
  }
  const contrast = full / 255;
  const fraction = inkPixels / inkMap.length;
  const blank = contrast < spec.ink.minContrast || fraction < spec.ink.minFraction;
  // A blank page has no ink to stretch: show the model empty paper, not amplified grain.
  if (blank) inkMap.fill(0);

  let region: Box = { x: 0, y: 0, width, height };
  if (spec.crop.method === 'ink-bbox' && !blank) {
    const box = inkBoundingBox(mask, width, height, spec.crop.ignoreEdgeLines);
    if (box) region = frameBox(box, spec.crop.margin, spec.crop.square);
  }

  const { plane, fill } = toPlane(rgb, inkMap, spec, paper);
  const [outH, outW] = spec.size;
  const resized = resizeRegion(plane, region, fill, outW, outH, spec.resize);
  return {
    data: finish(resized, spec),
    shape: [outH, outW, channelsOf(spec)],
    ink: { paper, contrast, fraction, blank, region },
  };
}
