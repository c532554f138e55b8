import { rotateShear, type Stroke } from '../geometry.js';
import type { Rng } from '../rng.js';
import { FONT_FACES, glyphOutline } from './fonts.js';
import { drawO } from './o-strokes.js';
import { drawX } from './x-strokes.js';

export type Label = 'o' | 'x' | 'neither';
/** The embedded set's classes: O, X, and everything a person may draw that is neither. */
export const LABELS: readonly Label[] = ['o', 'x', 'neither'];
export type OxLabel = Exclude<Label, 'neither'>;

/** A mark before it is placed: centre lines of pen strokes, or the filled outline of a glyph. */
export type MarkSource =
  | { kind: 'strokes'; strokes: Stroke[]; variant: string }
  | { kind: 'glyph'; contours: Stroke[]; variant: string; font: string };

const GLYPHS: Record<OxLabel, string[]> = { o: ['O', 'o', 'O', 'o'], x: ['X', 'x', 'X', 'x', '×'] };

/** A glyph of one of `chars` from a random face, slanted, stretched or turned a little now and then. */
export function glyphMark(rng: Rng, chars: readonly string[]): MarkSource {
  for (let attempt = 0; ; attempt++) {
    const face = rng.pick(FONT_FACES);
    const char = rng.pick(chars);
    const outline = glyphOutline(face, char);
    if (!outline) {
      if (attempt > 50) throw new Error(`no font has any of ${chars.join('')}`);
      continue;
    }
    const stretch = rng.chance(0.3) ? Math.exp(rng.normal(0, 0.15)) : 1;
    const angle = rng.chance(0.3) ? rng.normal(0, 0.12) : 0;
    const shear = rng.chance(0.15) ? -rng.uniform(0.1, 0.25) : 0;
    const contours = rotateShear(
      outline.map((c) => c.map(([x, y]) => [x * stretch, y])),
      angle,
      shear,
    );
    return { kind: 'glyph', contours, variant: `glyph-${char === '×' ? 'times' : char}`, font: face.name };
  }
}

/** An O or an X, hand-drawn or (with probability `glyphChance`) set in a typeface. */
export function oxMark(label: OxLabel, rng: Rng, glyphChance: number): MarkSource {
  if (rng.chance(glyphChance)) return glyphMark(rng, GLYPHS[label]);
  const drawn = label === 'o' ? drawO(rng) : drawX(rng);
  return { kind: 'strokes', strokes: drawn.strokes, variant: drawn.variant };
}
