import type { ModelCard } from '@inkling/core';
import type { Answer } from '../classify/classifier.js';
import { drawPrompt, labelColour, shownLabel as shown } from '../model/copy.js';

export interface ResultElements {
  root: HTMLElement;
  label: HTMLElement;
  detail: HTMLElement;
  bars: HTMLElement;
  source: HTMLElement;
  announce: HTMLElement;
  /** The compact bar above the canvas (visual only; #announce speaks for it). */
  quick: HTMLElement;
  quickLabel: HTMLElement;
  quickDetail: HTMLElement;
}

/** Whole percent, but never "100%" or "0%" for an answer that is not certain. */
export const percent = (p: number): string => {
  if (p >= 0.995 && p < 1) return '>99%';
  if (p > 0 && p < 0.005) return '<1%';
  return `${Math.round(p * 100)}%`;
};

/**
 * The answer panel: the label, a bar per class, "not sure" by the card's rule, and who answered.
 * State is also written to data-* attributes on the root (what the browser tests read).
 */
export class ResultView {
  readonly #el: ResultElements;
  readonly #bars = new Map<string, { fill: HTMLElement; value: HTMLElement; meter: HTMLElement }>();
  readonly #minConfidence: number;
  readonly #prompt: string;

  constructor(el: ResultElements, card: Pick<ModelCard, 'labels' | 'decision'>) {
    this.#el = el;
    this.#minConfidence = card.decision.minConfidence;
    this.#prompt = drawPrompt(card.labels);
    el.bars.replaceChildren();
    for (const [i, label] of card.labels.entries()) {
      const row = document.createElement('div');
      row.className = 'bar-row';
      row.dataset.label = label;
      row.style.setProperty('--label-colour', labelColour(i));
      const name = document.createElement('span');
      name.className = 'bar-name';
      name.id = `bar-name-${i}`;
      name.textContent = shown(label);
      const meter = document.createElement('div');
      meter.className = 'bar';
      meter.setAttribute('role', 'meter');
      meter.setAttribute('aria-labelledby', name.id);
      meter.setAttribute('aria-valuemin', '0');
      meter.setAttribute('aria-valuemax', '100');
      const fill = document.createElement('div');
      fill.className = 'bar-fill';
      meter.append(fill);
      const value = document.createElement('span');
      value.className = 'bar-value';
      row.append(name, meter, value);
      el.bars.append(row);
      this.#bars.set(label, { fill, value, meter });
    }
    this.empty(false);
  }

  empty(announce = true): void {
    this.#state('empty');
    this.#show('?', `${this.#prompt}, or upload an image.`, this.#prompt);
    this.#el.source.textContent = '';
    this.#setBars({});
    this.#announce(announce ? 'Canvas cleared.' : '');
  }

  busy(): void {
    this.#el.root.setAttribute('aria-busy', 'true');
    this.#el.root.dataset.busy = 'true';
    this.#el.quick.dataset.busy = 'true';
  }

  answer(a: Answer): void {
    this.#state('answer');
    const root = this.#el.root;
    root.dataset.label = a.label;
    root.dataset.probability = String(a.probability);
    root.dataset.uncertain = String(a.uncertain);
    root.dataset.answeredBy = a.answeredBy;
    if (a.reason) root.dataset.reason = a.reason;
    const guess = `${shown(a.label)}, ${percent(a.probability)}`;
    this.#el.quick.dataset.uncertain = String(a.uncertain);
    if (a.reason === 'blank') {
      this.#show('?', 'Not sure: there is too little ink to read. Draw bigger or darker.', 'Not sure: too little ink');
    } else if (a.uncertain) {
      this.#show(`${shown(a.label)}?`, `Not sure: it looks most like ${guess}, under the ${percent(this.#minConfidence)} the model needs to be sure.`, `Not sure, ${percent(a.probability)}`);
    } else {
      this.#show(shown(a.label), `${percent(a.probability)} sure.`, `${percent(a.probability)} sure`);
    }
    this.#setBars(a.scores);
    const who = a.answeredBy === 'edge' ? 'Answered by the edge API' : 'Answered in your browser';
    const how = [a.backend, `model ${a.model.name} ${a.model.version}`].filter(Boolean).join(', ');
    const why = a.fallbackReason ? ` (the edge API could not be reached: ${a.fallbackReason})` : '';
    this.#el.source.textContent = `${who} · ${how}${why}`;
    const said = a.reason === 'blank' ? 'Not sure: too little ink.' : a.uncertain ? `Not sure, maybe ${guess}.` : `${guess}.`;
    this.#announce(`${said} ${who.toLowerCase()}.`);
  }

  error(message: string): void {
    this.#state('error');
    this.#show('!', message, message);
    this.#el.source.textContent = '';
    this.#setBars({});
    this.#announce(message);
  }

  #state(state: 'empty' | 'answer' | 'error'): void {
    const root = this.#el.root;
    for (const key of ['label', 'probability', 'uncertain', 'answeredBy', 'reason', 'busy']) delete root.dataset[key];
    root.removeAttribute('aria-busy');
    root.dataset.state = state;
    delete this.#el.quick.dataset.busy;
    delete this.#el.quick.dataset.uncertain;
    this.#el.quick.dataset.state = state;
  }

  /** The same verdict in the full card and, shorter, in the bar above the canvas. */
  #show(label: string, detail: string, short: string): void {
    this.#el.label.textContent = label;
    this.#el.detail.textContent = detail;
    this.#el.quickLabel.textContent = label;
    this.#el.quickDetail.textContent = short;
  }

  #setBars(scores: Record<string, number>): void {
    for (const [label, bar] of this.#bars) {
      const p = scores[label];
      const known = typeof p === 'number';
      bar.fill.style.width = known ? `${(p * 100).toFixed(1)}%` : '0%';
      bar.value.textContent = known ? percent(p) : '–';
      if (known) bar.meter.setAttribute('aria-valuenow', String(Math.round(p * 100)));
      else bar.meter.removeAttribute('aria-valuenow');
    }
  }

  #announce(text: string): void {
    this.#el.announce.textContent = text;
  }
}
