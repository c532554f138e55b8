/**
 * The label a model may have for "none of these" (the default O/X model's third class): an answer a
 * person can trust that the drawing is neither. The page leaves it out of "Draw an O or an X", and the
 * robustness suite counts it as the right answer for blank pages and other shapes.
 */
export const NONE_LABEL = 'neither';

import type { InkInfo } from '../preprocess/preprocess.js';
import type { ModelCard } from './schema.js';

/** Why an answer is uncertain. */
export const DECISION_REASONS = ['blank', 'low-confidence'] as const;

export interface Decision {
  /** The winning label, from the card. */
  label: string;
  /** The winning label's probability. */
  probability: number;
  /** Every label's probability. */
  scores: Record<string, number>;
  uncertain: boolean;
  /** Why the answer is uncertain, when it is. */
  reason?: (typeof DECISION_REASONS)[number];
}

/**
 * Turns a model's raw output for one image into the answer every server of the model gives, by the
 * card's rule: the winning class, and "uncertain" for a blank image or a winner below minConfidence.
 */
export function decide(card: Pick<ModelCard, 'labels' | 'output' | 'decision'>, output: ArrayLike<number>, ink?: Pick<InkInfo, 'blank'>): Decision {
  const { labels, decision } = card;
  const scores: Record<string, number> = {};
  let label: string;
  let probability: number;
  if (card.output.activation === 'sigmoid') {
    const p = output[0];
    if (output.length !== 1 || !Number.isFinite(p)) throw new Error(`a sigmoid model must output one finite number, got [${Array.from(output).join(', ')}]`);
    scores[labels[0]] = 1 - p;
    scores[labels[1]] = p;
    const positive = p >= decision.threshold;
    label = positive ? labels[1] : labels[0];
    probability = positive ? p : 1 - p;
  } else {
    if (output.length !== labels.length) throw new Error(`the model output ${output.length} scores for ${labels.length} labels`);
    let best = 0;
    for (let i = 0; i < labels.length; i++) {
      scores[labels[i]] = output[i];
      if (output[i] > output[best]) best = i;
    }
    label = labels[best];
    probability = output[best];
  }
  if (decision.blankIsUncertain && ink?.blank) return { label, probability, scores, uncertain: true, reason: 'blank' };
  if (probability < decision.minConfidence) return { label, probability, scores, uncertain: true, reason: 'low-confidence' };
  return { label, probability, scores, uncertain: false };
}
