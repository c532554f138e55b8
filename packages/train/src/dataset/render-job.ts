import { makeImage, type ImageFacts } from './image.js';
import { oxMark, type OxLabel } from './marks/index.js';
import { negativeMark, type NegativeShape } from './marks/negatives.js';
import type { Style } from './styles.js';

/** One image to make, as plain data, so a worker thread can make it as well as the main thread. */
export type RenderJob = { kind: 'ox'; style: Style; seed: number; label: OxLabel } | { kind: 'negative'; style: Style; seed: number; shape: NegativeShape };

export function renderJob(job: RenderJob): Promise<{ png: Buffer; facts: ImageFacts }> {
  if (job.kind === 'ox') return makeImage(job.style, job.seed, (rng, glyphChance) => oxMark(job.label, rng, glyphChance));
  return makeImage(job.style, job.seed, (rng) => negativeMark(job.shape, rng), job.shape === 'blank');
}
