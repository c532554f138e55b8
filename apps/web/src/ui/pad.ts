import type { RawImage } from '@inkling/core';
import { attachPointerInput } from '../drawing/pointer-input.js';
import { drawSegment, INK, renderStrokes } from '../drawing/render.js';
import type { Drawing, Point } from '../drawing/strokes.js';
import { rawToImageData } from './raw-to-image-data.js';

export interface PadEvents {
  strokeStart(): void;
  strokeEnd(): void;
}

/**
 * The drawing surface on screen. Its backing store follows the element's CSS size times
 * devicePixelRatio (sharp lines on high-DPI phones) and is always repainted from the stroke data,
 * so resizing or rotating the phone loses nothing. An uploaded image, when there is one, is shown
 * instead of the strokes, fitted inside the square.
 */
export class Pad {
  readonly #canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #drawing: Drawing;
  #image: HTMLCanvasElement | null = null;
  #side = 1;

  constructor(canvas: HTMLCanvasElement, drawing: Drawing, events: PadEvents) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    this.#canvas = canvas;
    this.#ctx = ctx;
    this.#drawing = drawing;
    attachPointerInput(canvas, {
      start: (p) => {
        if (this.#image) {
          this.#image = null;
          this.redraw();
        }
        drawing.begin(p);
        this.#drawTail(1);
        events.strokeStart();
      },
      move: (points: Point[]) => {
        if (drawing.extend(points)) this.#drawTail(points.length + 1);
      },
      end: () => {
        if (!drawing.end()) return;
        // One path per stroke, exactly as the snapshot sent to the model draws it.
        this.redraw();
        events.strokeEnd();
      },
    });
    new ResizeObserver(() => this.#resize()).observe(canvas);
    this.#resize();
  }

  get hasImage(): boolean {
    return this.#image !== null;
  }

  /** Shows an uploaded image (or nothing, with null) in place of the strokes. */
  showImage(raw: RawImage | null): void {
    if (raw) {
      const c = document.createElement('canvas');
      c.width = raw.width;
      c.height = raw.height;
      c.getContext('2d')?.putImageData(rawToImageData(raw), 0, 0);
      this.#image = c;
    } else {
      this.#image = null;
    }
    this.redraw();
  }

  redraw(): void {
    renderStrokes(this.#ctx, this.#image ? [] : this.#drawing.strokes, this.#side, INK);
    if (this.#image) {
      const { width, height } = this.#image;
      const scale = Math.min(this.#side / width, this.#side / height);
      const w = width * scale;
      const h = height * scale;
      this.#ctx.imageSmoothingQuality = 'high';
      this.#ctx.drawImage(this.#image, (this.#side - w) / 2, (this.#side - h) / 2, w, h);
    }
  }

  // Draws only the newest points of the stroke in progress (plus the one before, to join them).
  #drawTail(count: number): void {
    const strokes = this.#drawing.strokes;
    const current = strokes[strokes.length - 1]?.points ?? [];
    drawSegment(this.#ctx, current.slice(Math.max(0, current.length - count)), this.#side, INK);
  }

  #resize(): void {
    const css = this.#canvas.getBoundingClientRect().width;
    const side = Math.max(1, Math.round(css * (window.devicePixelRatio || 1)));
    if (side === this.#side && this.#canvas.width === side) return;
    this.#side = side;
    this.#canvas.width = side;
    this.#canvas.height = side;
    this.redraw();
  }
}
