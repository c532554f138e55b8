import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decide, NONE_LABEL, preprocessToArray, toBatchTensor, type ModelCard, type PreprocessResult } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { classFolders, imageFiles, readImage } from '../data/index.js';
import type { Predictor } from '../evaluate/index.js';
import { mixSeed } from '@inkling/core';
import type { Transform } from './transforms/index.js';

/**
 * The label a model may have for "none of these" (core's NONE_LABEL). Answering it is right for a blank
 * page or a shape and wrong for a labelled drawing; a model without it can only say "uncertain".
 */
export const NEITHER = NONE_LABEL;

/** One labelled row: the drawings as drawn, or through one transformation. */
export interface TransformationScore {
  name: string;
  description: string;
  images: number;
  /** Share answered with the right label, sure or not. */
  right: number;
  /** Share answered with the right label and not "uncertain" (the card's decision rule). */
  rightAndSure: number;
  /** How many were answered "uncertain". */
  uncertain: number;
  /** The images not right and sure, with what the model answered. */
  misses: { image: string; answer: string }[];
}

/** Images that are none of the labels: blank pages, or shapes. */
export interface RejectionScore {
  name: string;
  images: number;
  /** Share answered "uncertain" or "neither" (the right answer for these). */
  rejected: number;
  /** The images given a sure label other than "neither", with that label. */
  accepted: { image: string; answer: string }[];
}

export interface RobustnessReport {
  labels: string[];
  /** The drawings as drawn ('as drawn'), then one row per transformation. */
  transformations: TransformationScore[];
  /** How many drawings as drawn were answered "uncertain". */
  asDrawnUncertain: number;
  blanks?: RejectionScore;
  /** All shapes together, then per shape. */
  shapes?: { all: RejectionScore; perShape: RejectionScore[] };
}

interface Answer {
  label: string;
  uncertain: boolean;
}

const describe = (a: Answer) => (a.uncertain ? `${a.label} (uncertain)` : a.label);
const rejects = (a: Answer) => a.uncertain || a.label === NEITHER;

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

async function answerBytes(predictor: Predictor, card: ModelCard, images: Uint8Array[]): Promise<Answer[]> {
  const inputs = await Promise.all(images.map(async (bytes) => preprocessToArray(await readImage(bytes), card.preprocess)));
  return answer(predictor, card, inputs);
}

function rejection(name: string, images: string[], answers: Answer[]): RejectionScore {
  const accepted = images.flatMap((image, i) => (rejects(answers[i]) ? [] : [{ image, answer: answers[i].label }]));
  return { name, images: images.length, rejected: images.length ? 1 - accepted.length / images.length : 0, accepted };
}

const AS_DRAWN: Transform = { name: 'as drawn', description: 'the drawings as they are', format: 'png', apply: async (b) => b };

/**
 * The robustness suite: the labelled drawings as drawn and through each transformation ("right" and
 * "right and sure" per row), blank pages and shapes that are none of the labels (share answered
 * "uncertain" or "neither"). Each drawing gets its own seed for the seeded transformations.
 */
export async function runRobustness(options: {
  predictor: Predictor;
  card: ModelCard;
  /** A folder of labelled images, `<label>/*`, each label one of the card's. */
  dataDir: string;
  transforms: readonly Transform[];
  /** Blank or near-blank pages. */
  blanks?: { name: string; bytes: Uint8Array }[];
  /** A folder of `<shape>/*` images that are none of the labels. */
  negativesDir?: string;
  seed?: number;
}): Promise<RobustnessReport> {
  const { predictor, card, dataDir } = options;
  const seed = options.seed ?? 1;
  const drawings: { path: string; label: string; bytes: Buffer }[] = [];
  for (const label of await classFolders(dataDir)) {
    if (!card.labels.includes(label)) throw new Error(`${join(dataDir, label)}: "${label}" is not one of the model's labels (${card.labels.join(', ')})`);
    for (const path of await imageFiles(join(dataDir, label))) drawings.push({ path: relative(dataDir, path), label, bytes: await readFile(path) });
  }
  if (drawings.length === 0) throw new Error(`${dataDir}: no labelled images (expected <label>/*.png folders)`);

  const transformations: TransformationScore[] = [];
  for (const t of [AS_DRAWN, ...options.transforms]) {
    const images = await Promise.all(drawings.map((d, i) => t.apply(d.bytes, mixSeed(seed, i))));
    const answers = await answerBytes(predictor, card, images);
    const misses = drawings.flatMap((d, i) => (answers[i].label === d.label && !answers[i].uncertain ? [] : [{ image: d.path, answer: describe(answers[i]) }]));
    const n = drawings.length;
    transformations.push({
      name: t.name,
      description: t.description,
      images: n,
      right: answers.filter((a, i) => a.label === drawings[i].label).length / n,
      rightAndSure: 1 - misses.length / n,
      uncertain: answers.filter((a) => a.uncertain).length,
      misses,
    });
  }
  const report: RobustnessReport = { labels: [...card.labels], transformations, asDrawnUncertain: transformations[0].uncertain };

  if (options.blanks?.length) {
    const answers = await answerBytes(predictor, card, options.blanks.map((b) => b.bytes));
    report.blanks = rejection('blank pages', options.blanks.map((b) => b.name), answers);
  }
  if (options.negativesDir) {
    const perShape: RejectionScore[] = [];
    const all: { images: string[]; answers: Answer[] } = { images: [], answers: [] };
    for (const shape of await classFolders(options.negativesDir)) {
      const files = await imageFiles(join(options.negativesDir, shape));
      if (!files.length) continue;
      const answers = await answerBytes(predictor, card, await Promise.all(files.map((f) => readFile(f))));
      const names = files.map((f) => relative(options.negativesDir as string, f));
      perShape.push(rejection(shape, names, answers));
      all.images.push(...names);
      all.answers.push(...answers);
    }
    if (all.images.length) report.shapes = { all: rejection('all shapes', all.images, all.answers), perShape };
  }
  return report;
}
