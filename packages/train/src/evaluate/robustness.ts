import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decide, preprocessToArray, toBatchTensor, type ModelCard, type PreprocessResult } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { classFolders, imageFiles, readImage } from '../data/index.js';
import type { Predictor } from './load-model.js';

/** A change applied to an image file's bytes (e.g. inverted, JPEG quality 30), giving new bytes. */
export interface ImageTransform {
  name: string;
  apply(image: Uint8Array): Promise<Uint8Array>;
}

export interface RobustnessRow {
  /** 'original', a transform's name, 'blank' or a shape's name. */
  name: string;
  kind: 'labelled' | 'blank' | 'negative';
  images: number;
  /** Labelled rows: share answered with the right label. */
  accuracy?: number;
  /** Share answered "uncertain" (blank and negative rows should be high, labelled rows low). */
  uncertain: number;
  /** For labelled rows, the images answered wrongly. */
  mistakes: string[];
}

interface Answer {
  label: string;
  uncertain: boolean;
}

async function answer(predictor: Predictor, card: ModelCard, inputs: PreprocessResult[]): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < inputs.length; i += 64) {
    const chunk = inputs.slice(i, i + 64);
    const x = toBatchTensor(chunk);
    const y = tf.tidy(() => predictor.predict(x));
    const values = await y.data();
    x.dispose();
    y.dispose();
    const width = values.length / chunk.length;
    chunk.forEach((input, j) => {
      const d = decide(card, values.subarray(j * width, (j + 1) * width), input.ink);
      out.push({ label: d.label, uncertain: d.uncertain });
    });
  }
  return out;
}

async function preprocessBytes(bytes: Uint8Array, card: ModelCard): Promise<PreprocessResult> {
  return preprocessToArray(await readImage(bytes), card.preprocess);
}

/**
 * The robustness suite: the labelled images as they are and through each transformation (accuracy
 * per transformation), blank pages and shapes that are neither label (share answered "uncertain").
 */
export async function runRobustness(options: {
  predictor: Predictor;
  card: ModelCard;
  /** A folder of labelled images, `<label>/*`. */
  dataDir: string;
  transforms: ImageTransform[];
  /** Blank or near-blank pages: every one should be answered "uncertain". */
  blanks?: { name: string; bytes: Uint8Array }[];
  /** A folder of `<shape>/*` images that are none of the labels. */
  negativesDir?: string;
}): Promise<RobustnessRow[]> {
  const { predictor, card, dataDir } = options;
  const labelled: { path: string; label: string; bytes: Uint8Array }[] = [];
  for (const label of await classFolders(dataDir)) {
    for (const path of await imageFiles(join(dataDir, label))) labelled.push({ path: relative(dataDir, path), label, bytes: await readFile(path) });
  }
  const rows: RobustnessRow[] = [];
  const identity: ImageTransform = { name: 'original', apply: async (b) => b };
  for (const t of [identity, ...options.transforms]) {
    const inputs = await Promise.all(labelled.map(async (img) => preprocessBytes(await t.apply(img.bytes), card)));
    const answers = await answer(predictor, card, inputs);
    const mistakes = labelled.filter((img, i) => answers[i].label !== img.label).map((img) => img.path);
    rows.push({
      name: t.name,
      kind: 'labelled',
      images: labelled.length,
      accuracy: labelled.length ? 1 - mistakes.length / labelled.length : 0,
      uncertain: answers.filter((a) => a.uncertain).length / Math.max(1, answers.length),
      mistakes,
    });
  }
  if (options.blanks?.length) {
    const inputs = await Promise.all(options.blanks.map((b) => preprocessBytes(b.bytes, card)));
    const answers = await answer(predictor, card, inputs);
    rows.push({ name: 'blank pages', kind: 'blank', images: inputs.length, uncertain: answers.filter((a) => a.uncertain).length / inputs.length, mistakes: options.blanks.filter((_, i) => !answers[i].uncertain).map((b) => b.name) });
  }
  if (options.negativesDir) {
    for (const shape of await classFolders(options.negativesDir)) {
      const files = await imageFiles(join(options.negativesDir, shape));
      if (!files.length) continue;
      const inputs = await Promise.all(files.map(async (f) => preprocessBytes(await readFile(f), card)));
      const answers = await answer(predictor, card, inputs);
      rows.push({ name: shape, kind: 'negative', images: files.length, uncertain: answers.filter((a) => a.uncertain).length / files.length, mistakes: files.filter((_, i) => !answers[i].uncertain).map((f) => relative(options.negativesDir as string, f)) });
    }
  }
  return rows;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The suite's table as Markdown: one row per transformation, blank pages and shape. */
export function formatRobustness(rows: RobustnessRow[]): string {
  const lines = ['| images | n | accuracy | answered "uncertain" |', '| --- | ---: | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.images} | ${r.accuracy === undefined ? '–' : pct(r.accuracy)} | ${pct(r.uncertain)} |`);
  return lines.join('\n');
}
