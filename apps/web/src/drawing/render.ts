import type { Point, Stroke } from './strokes.js';

export interface InkStyle {
  ink: string;
  paper: string;
  /** Line width as a fraction of the canvas side. */
  width: number;
}

/**
 * One look for the screen and for the image sent to the model: dark ink on white, round caps and
 * joins, a line about 1/28 of the canvas wide (a thick marker on a phone, like the pen of the classic
 * digit demos). The width is relative so a drawing looks the same at every size.
 */
export const INK: InkStyle = { ink: '#1b1b1f', paper: '#ffffff', width: 0.036 };

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Paints the paper and every stroke onto a square context `side` device pixels wide. */
export function renderStrokes(ctx: Ctx, strokes: readonly Stroke[], side: number, style: InkStyle = INK): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = style.paper;
  ctx.fillRect(0, 0, side, side);
  ctx.restore();
  for (const s of strokes) drawSegment(ctx, s.points, side, style);
}

/** Draws a run of points as one path (a single point becomes a dot), for incremental drawing. */
export function drawSegment(ctx: Ctx, points: readonly Point[], side: number, style: InkStyle = INK): void {
  if (points.length === 0) return;
  const w = style.width * side;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (points.length === 1) {
    ctx.fillStyle = style.ink;
    ctx.beginPath();
    ctx.arc(points[0].x * side, points[0].y * side, w / 2, 0, Math.PI * 2);
    ctx.fill();
  } else {
    ctx.strokeStyle = style.ink;
    ctx.lineWidth = w;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(points[0].x * side, points[0].y * side);
    for (let i = 1; i < points.length; i++) ctx.lineTo(points[i].x * side, points[i].y * side);
    ctx.stroke();
  }
  ctx.restore();
}
