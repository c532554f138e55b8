import { parsePreprocessSpec, preprocessToArray, type PreprocessSpec, type PreprocessSpecInput, type RawImage } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import sharp, { type OverlayOptions } from 'sharp';
import type { Rect } from './images/contact-sheet.js';
import { modelInputToImage } from './images/model-view.js';
import { svgToPng } from './images/rasterise.js';
import { modelViewThumbnail, originalThumbnail } from './images/thumbnails.js';
import { fitText, textElement } from './text/font.js';

/** Keras ImageDataGenerator's random transform of a batch, seeded: same seed, same batch. */
export type Augmenter = (x: tf.Tensor4D, seed: number) => tf.Tensor4D;

export interface AugmentGridOptions {
  /** The decoded file. */
  image: RawImage;
  /** Core preprocessing applied before augmentation (the model's spec). */
  spec: PreprocessSpec | PreprocessSpecInput;
  augment: Augmenter;
  /** How many augmented versions to show. */
  count: number;
  seed: number;
  /** Side of each picture in pixels (the CLI's --tile-size). */
  tileSize: number;
  /** Pictures per row (default: a near-square grid). */
  columns?: number;
  title?: string;
}

export interface AugmentGrid {
  png: Buffer;
  width: number;
  height: number;
  /** Where each picture is: the file, the model's input, then the augmented versions in order. */
  tiles: Rect[];
}

const MARGIN = 12;
const HEADER = 30;
const GUTTER = 8;
const CAPTION = 18;

/** The grid's size for `count` augmented pictures (plus the file and the un-augmented input). */
export function augmentGridLayout(count: number, tileSize: number, columns?: number) {
  const pictures = count + 2;
  const cols = Math.max(1, Math.min(pictures, columns ?? Math.ceil(Math.sqrt(pictures))));
  const rows = Math.ceil(pictures / cols);
  const width = Math.max(260, 2 * MARGIN + cols * tileSize + (cols - 1) * GUTTER);
  const height = MARGIN + HEADER + rows * (tileSize + CAPTION) + (rows - 1) * GUTTER + MARGIN;
  return { pictures, cols, rows, width, height };
}

/**
 * The seed lesson's augmentation preview: one image through preprocessing and then `count` seeded
 * random transforms, drawn as a grid beside the file and the un-augmented model input. Every
 * picture is rendered from the float values the model would receive.
 */
export async function renderAugmentGrid(options: AugmentGridOptions): Promise<AugmentGrid> {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a whole number of at least 1, got ${count}`);
  const { tileSize } = options;
  const spec = parsePreprocessSpec(options.spec);
  const pre = preprocessToArray(options.image, spec);
  const [h, w, c] = pre.shape;

  const batch = tf.tidy(() => {
    const one = tf.tensor4d(pre.data, [1, h, w, c], 'float32');
    return options.augment(tf.tile(one, [count, 1, 1, 1]) as tf.Tensor4D, seed);
  });
  let values: Float32Array;
  try {
    if (batch.shape[0] !== count || batch.shape[1] !== h || batch.shape[2] !== w || batch.shape[3] !== c) {
      throw new Error(`the augmenter returned a batch of shape [${batch.shape.join(', ')}], expected [${count}, ${h}, ${w}, ${c}]`);
    }
    values = (await batch.data()) as Float32Array;
  } finally {
    batch.dispose();
  }
  const size = h * w * c;

  const pictures: { png: Buffer; caption: string }[] = [
    { png: await originalThumbnail(options.image, tileSize, spec.background), caption: `file ${options.image.width}×${options.image.height}` },
    { png: await modelViewThumbnail(modelInputToImage(pre.data, pre.shape, spec), tileSize), caption: `model input ${w}×${h}×${c}` },
  ];
  for (let k = 0; k < count; k++) {
    const view = modelInputToImage(values.slice(k * size, (k + 1) * size), pre.shape, spec);
    pictures.push({ png: await modelViewThumbnail(view, tileSize), caption: `augmented #${k + 1}` });
  }

  const layout = augmentGridLayout(count, tileSize, options.columns);
  const svg: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`, '<rect width="100%" height="100%" fill="white"/>'];
  const title = options.title ?? `augmentation preview, seed ${seed}`;
  svg.push(textElement(fitText(title, layout.width - 2 * MARGIN, 14, 'bold'), { x: MARGIN, y: MARGIN, size: 14, weight: 'bold', baseline: 'top' }));
  const tiles: Rect[] = [];
  const composites: OverlayOptions[] = [];
  pictures.forEach((p, k) => {
    const x = MARGIN + (k % layout.cols) * (tileSize + GUTTER);
    const y = MARGIN + HEADER + Math.floor(k / layout.cols) * (tileSize + CAPTION + GUTTER);
    tiles.push({ x, y, width: tileSize, height: tileSize });
    composites.push({ input: p.png, left: x, top: y });
    svg.push(textElement(fitText(p.caption, tileSize, 11), { x: x + tileSize / 2, y: y + tileSize + 4, size: 11, anchor: 'middle', baseline: 'top', fill: k < 2 ? '#1f5fa6' : '#333' }));
  });
  svg.push('</svg>');
  const png = await sharp(await svgToPng(svg.join(''))).composite(composites).png().toBuffer();
  return { png, width: layout.width, height: layout.height, tiles };
}
