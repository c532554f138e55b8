import { NONE_LABEL } from '@inkling/core';
// What the page says about a model, built from its card's labels, so a model with other or more
// classes gets its own words and colours without a change to the page.

/** How a label is shown: one-letter labels as capitals ("o" → "O"), words as they are. */
export const shownLabel = (label: string): string => (label.length === 1 ? label.toUpperCase() : label);

// Letters whose English name starts with a vowel sound take "an": an F, an H, an O, an X.
const AN_LETTERS = new Set('aefhilmnorsx');

/** "an O", "a triangle", "an apple": the label with its indefinite article. */
export function withArticle(label: string): string {
  const first = label[0]?.toLowerCase() ?? '';
  const an = label.length === 1 ? AN_LETTERS.has(first) : 'aeiou'.includes(first);
  return `${an ? 'an' : 'a'} ${shownLabel(label)}`;
}

/** "an O or an X", "a circle, a square or a triangle". */
export function orList(labels: readonly string[]): string {
  const items = labels.map(withArticle);
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The heading and prompt: "Draw an O or an X" (a "none of these" class is not something to draw). */
export const drawPrompt = (labels: readonly string[]): string => `Draw ${orList(labels.filter((l) => l !== NONE_LABEL))}`;

/**
 * One colour per class, by its place in the card's labels (the card has no colour field, and the
 * order is the model's class order, so a label keeps its colour across page loads and versions).
 * Each has at least 4.5:1 contrast on white and 3:1 on the bars' track (#e4e7ec).
 */
export const LABEL_COLOURS = ['#1d4ed8', '#b42318', '#067647', '#7a2e98', '#9a4d00', '#0e6e83', '#a3195b', '#475467'] as const;

export const labelColour = (index: number): string => LABEL_COLOURS[index % LABEL_COLOURS.length];
