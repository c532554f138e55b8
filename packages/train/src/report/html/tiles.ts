import type { RankedPrediction } from '../selection.js';
import { esc, href } from './escape.js';

/** Where one image's two thumbnails are in the report folder (or why there are none). */
export type ImageFiles = { original: string; input: string } | { error: string };

const p = (v: number) => v.toFixed(3);

/** One image as a figure: the file, what the model saw, and its labels and probabilities. */
export function tileFigure(rank: number, r: RankedPrediction, files: ImageFiles | undefined, toRoot: string): string {
  const { prediction } = r;
  const wrong = prediction.label !== prediction.predicted;
  const pictures =
    files && 'original' in files
      ? `<img src="${href(toRoot, files.original)}" alt="the file ${esc(prediction.path)}" width="112" height="112"><img src="${href(toRoot, files.input)}" alt="what the model saw" width="112" height="112">`
      : `<span class="note">${esc(files && 'error' in files ? files.error : 'no picture')}</span>`;
  const verdict = wrong ? `true <b>${esc(prediction.label)}</b>, predicted <b style="color:#c62828">${esc(prediction.predicted)}</b>` : `<b>${esc(prediction.label)}</b>, right`;
  const probs = `p(${esc(prediction.predicted)}) = ${p(prediction.probability)}${wrong ? `, p(${esc(prediction.label)}) = ${p(r.truthScore)}` : ''}`;
  return `<figure class="tile"><div class="pair">${pictures}</div><figcaption>#${rank} ${verdict}<br>${probs}${prediction.uncertain ? ' <span class="muted">(uncertain)</span>' : ''}<br><code>${esc(prediction.path)}</code></figcaption></figure>`;
}
