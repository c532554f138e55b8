/**
 * The drawing as data: strokes of points in canvas-relative coordinates (0–1 across the square
 * canvas), so it can be redrawn at any size or pixel density and undone one stroke at a time.
 * Pressure is deliberately not kept: mouse, pen and finger all draw the same fixed-width line, so the
 * model sees the same kind of strokes whatever the device.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Stroke {
  readonly points: readonly Point[];
}

export class Drawing {
  #strokes: Point[][] = [];
  #current: Point[] | null = null;

  /** Finished strokes plus the one being drawn, oldest first. */
  get strokes(): readonly Stroke[] {
    const all = this.#strokes.map((points) => ({ points }));
    return this.#current ? [...all, { points: this.#current }] : all;
  }

  get isEmpty(): boolean {
    return this.#strokes.length === 0 && this.#current === null;
  }

  get isDrawing(): boolean {
    return this.#current !== null;
  }

  begin(point: Point): void {
    this.#current = [clampPoint(point)];
  }

  /** Adds points to the stroke being drawn; returns false when no stroke is in progress. */
  extend(points: readonly Point[]): boolean {
    if (!this.#current) return false;
    for (const p of points) this.#current.push(clampPoint(p));
    return true;
  }

  /** Finishes the stroke being drawn; returns whether there was one. */
  end(): boolean {
    if (!this.#current) return false;
    this.#strokes.push(this.#current);
    this.#current = null;
    return true;
  }

  /** Removes the last finished stroke (or abandons the one in progress); false when nothing is left. */
  undo(): boolean {
    if (this.#current) {
      this.#current = null;
      return true;
    }
    return this.#strokes.pop() !== undefined;
  }

  /** Removes every stroke; false when there was nothing to remove. */
  clear(): boolean {
    const had = !this.isEmpty;
    this.#strokes = [];
    this.#current = null;
    return had;
  }
}

// Pointer capture keeps reporting moves outside the canvas; pin them to its edge.
function clampPoint(p: Point): Point {
  return { x: Math.min(1, Math.max(0, p.x)), y: Math.min(1, Math.max(0, p.y)) };
}
