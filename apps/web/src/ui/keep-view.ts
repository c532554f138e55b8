import { NONE_LABEL } from '@inkling/core';
import type { ClassifyInput } from '../api/request.js';
import { keptName, type KeptDrawing } from '../keep/kept.js';
import { labelColour, shownLabel, withArticle } from '../model/copy.js';

export interface KeepElements {
  /** The "Not right? Keep it" box in the answer card. */
  box: HTMLElement;
  labels: HTMLElement;
  count: HTMLElement;
  download: HTMLButtonElement;
  remove: HTMLButtonElement;
  announce: HTMLElement;
}

// IndexedDB and the zip writer load when first needed, not with the page.
const store = () => import('../keep/store.js');

const plural = (n: number) => (n === 1 ? '1 drawing' : `${n} drawings`);

async function bytesOf(input: ClassifyInput): Promise<Pick<KeptDrawing, 'type' | 'bytes'>> {
  if (input.kind === 'file') return { type: input.type, bytes: input.bytes };
  const { pngOf } = await import('../keep/png.js');
  return { type: 'image/png', bytes: await pngOf(input.width, input.height, input.rgba) };
}

/**
 * "Not right? Keep it": after an answer the person picks the right label (one button per card label);
 * the image the API was sent is kept in this browser, counted, and downloadable as one zip in the
 * `<label>/<name>.png` layout `inkling train --data` reads. Nothing is sent anywhere.
 */
export class KeepView {
  readonly #el: KeepElements;
  readonly #model: string;
  #subject: ClassifyInput | null = null;
  #armedDelete = false;

  constructor(el: KeepElements, labels: readonly string[], model: string) {
    this.#el = el;
    this.#model = model;
    el.labels.replaceChildren(
      ...labels.map((label, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.label = label;
        button.style.setProperty('--label-colour', labelColour(i));
        button.textContent = `It is ${label === NONE_LABEL ? shownLabel(label) : withArticle(label)}`;
        button.addEventListener('click', () => void this.#keep(label));
        return button;
      }),
    );
    el.download.addEventListener('click', () => void this.#download());
    el.remove.addEventListener('click', () => void this.#delete());
    el.remove.addEventListener('blur', () => this.#disarm());
    void this.refresh();
  }

  /** Offers to keep what was just answered. */
  offer(subject: ClassifyInput): void {
    this.#subject = subject;
    this.#setUsed(false);
    this.#el.box.hidden = false;
  }

  withdraw(): void {
    this.#subject = null;
    this.#el.box.hidden = true;
  }

  async refresh(): Promise<number> {
    let n = 0;
    try {
      n = await (await store()).countKept();
    } catch (err) {
      // e.g. storage switched off (private mode in some browsers): say so instead of failing later.
      this.#el.count.textContent = `This browser does not let the page keep drawings: ${err instanceof Error ? err.message : String(err)}`;
      this.#el.download.disabled = this.#el.remove.disabled = true;
      return 0;
    }
    this.#el.count.dataset.count = String(n);
    this.#el.count.textContent = n === 0 ? 'None yet. They stay in this browser; nothing is sent anywhere.' : `${plural(n)} kept in this browser. Nothing is sent anywhere.`;
    this.#el.download.disabled = this.#el.remove.disabled = n === 0;
    return n;
  }

  async #keep(label: string): Promise<void> {
    const subject = this.#subject;
    if (!subject) return;
    // Once per answer: the buttons stay focusable (a disabled button would drop keyboard focus) but
    // say they are used and do nothing twice.
    this.#subject = null;
    this.#setUsed(true);
    try {
      const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, '0');
      const drawing: KeptDrawing = { name: keptName(new Date(), random), label, model: this.#model, keptAt: new Date().toISOString(), ...(await bytesOf(subject)) };
      await (await store()).keepDrawing(drawing);
      const n = await this.refresh();
      this.#say(`Kept as ${shownLabel(label)}. ${plural(n)} kept.`);
    } catch (err) {
      this.#say(`Could not keep the drawing: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async #download(): Promise<void> {
    const [{ allKept }, { zipKept }] = await Promise.all([store(), import('../keep/zip.js')]);
    const drawings = await allKept();
    if (drawings.length === 0) return;
    const url = URL.createObjectURL(new Blob([zipKept(drawings) as BlobPart], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'inkling-drawings.zip';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#say(`Downloading ${plural(drawings.length)} as inkling-drawings.zip.`);
  }

  /** Two presses: the first asks, the second deletes (no blocking confirm() dialog). */
  async #delete(): Promise<void> {
    if (!this.#armedDelete) {
      this.#armedDelete = true;
      this.#el.remove.textContent = 'Press again to delete them';
      this.#say('Press again to delete the kept drawings from this browser.');
      return;
    }
    this.#disarm();
    await (await store()).deleteAllKept();
    await this.refresh();
    this.#say('The kept drawings were deleted.');
  }

  #setUsed(used: boolean): void {
    for (const b of this.#el.labels.querySelectorAll('button')) b.setAttribute('aria-disabled', String(used));
  }

  #disarm(): void {
    this.#armedDelete = false;
    this.#el.remove.textContent = 'Delete them';
  }

  #say(text: string): void {
    this.#el.announce.textContent = text;
  }
}
