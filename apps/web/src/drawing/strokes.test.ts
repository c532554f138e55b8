import { describe, expect, it } from 'vitest';
import { Drawing } from './strokes.js';

const points = (d: Drawing) => d.strokes.map((s) => s.points.map((p) => [p.x, p.y]));

describe('Drawing', () => {
  it('keeps each stroke as its own list of points', () => {
    const d = new Drawing();
    expect(d.isEmpty).toBe(true);
    d.begin({ x: 0.1, y: 0.1 });
    d.extend([{ x: 0.2, y: 0.2 }, { x: 0.3, y: 0.3 }]);
    expect(d.isDrawing).toBe(true);
    expect(d.end()).toBe(true);
    d.begin({ x: 0.9, y: 0.1 });
    d.extend([{ x: 0.1, y: 0.9 }]);
    d.end();
    expect(points(d)).toEqual([
      [[0.1, 0.1], [0.2, 0.2], [0.3, 0.3]],
      [[0.9, 0.1], [0.1, 0.9]],
    ]);
    expect(d.isDrawing).toBe(false);
  });

  it('shows the stroke in progress and ignores moves and ends without a stroke', () => {
    const d = new Drawing();
    expect(d.extend([{ x: 0.5, y: 0.5 }])).toBe(false);
    expect(d.end()).toBe(false);
    expect(d.isEmpty).toBe(true);
    d.begin({ x: 0.5, y: 0.5 });
    expect(d.isEmpty).toBe(false);
    expect(points(d)).toEqual([[[0.5, 0.5]]]);
  });

  it('undoes one stroke at a time, newest first, then reports nothing left', () => {
    const d = new Drawing();
    for (const x of [0.1, 0.2, 0.3]) {
      d.begin({ x, y: x });
      d.end();
    }
    expect(d.undo()).toBe(true);
    expect(points(d)).toEqual([[[0.1, 0.1]], [[0.2, 0.2]]]);
    expect(d.undo()).toBe(true);
    expect(d.undo()).toBe(true);
    expect(d.isEmpty).toBe(true);
    expect(d.undo()).toBe(false);
  });

  it('abandons the stroke in progress on undo before touching finished ones', () => {
    const d = new Drawing();
    d.begin({ x: 0.1, y: 0.1 });
    d.end();
    d.begin({ x: 0.7, y: 0.7 });
    expect(d.undo()).toBe(true);
    expect(d.isDrawing).toBe(false);
    expect(points(d)).toEqual([[[0.1, 0.1]]]);
    // The abandoned stroke cannot be finished afterwards.
    expect(d.end()).toBe(false);
    expect(d.strokes).toHaveLength(1);
  });

  it('clears everything, including a stroke in progress', () => {
    const d = new Drawing();
    d.begin({ x: 0.1, y: 0.1 });
    d.end();
    d.begin({ x: 0.2, y: 0.2 });
    expect(d.clear()).toBe(true);
    expect(d.isEmpty).toBe(true);
    expect(d.strokes).toEqual([]);
    expect(d.clear()).toBe(false);
  });

  it('pins points dragged outside the canvas to its edge', () => {
    const d = new Drawing();
    d.begin({ x: -0.2, y: 0.5 });
    d.extend([{ x: 1.4, y: -3 }]);
    expect(points(d)).toEqual([[[0, 0.5], [1, 0]]]);
  });
});
