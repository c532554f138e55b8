import type { CDPSession, Locator, Page } from 'playwright-core';

/** A point as a fraction of the drawing canvas (0-1 on each axis). */
export type Frac = readonly [number, number];

export function circle(cx = 0.5, cy = 0.5, r = 0.3, steps = 48): Frac[] {
  // Starts at the top and goes a little past a full turn, the way people close an O.
  return Array.from({ length: steps + 3 }, (_, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / steps;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
  });
}

export function line(from: Frac, to: Frac, steps = 16): Frac[] {
  return Array.from({ length: steps + 1 }, (_, i) => [from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps] as const);
}

/** The two strokes of an X. */
export const X_STROKES: Frac[][] = [line([0.25, 0.25], [0.75, 0.75]), line([0.75, 0.25], [0.25, 0.75])];
export const O_STROKES: Frac[][] = [circle()];

async function toPage(canvas: Locator, points: readonly Frac[]): Promise<Array<{ x: number; y: number }>> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the drawing canvas is not visible');
  // Whole CSS pixels, so drawing the same shape twice gives the very same points.
  return points.map(([fx, fy]) => ({ x: Math.round(box.x + fx * box.width), y: Math.round(box.y + fy * box.height) }));
}

/** Draws strokes with the mouse: press, move through every point, release. */
export async function drawWithMouse(page: Page, canvas: Locator, strokes: readonly (readonly Frac[])[]): Promise<void> {
  for (const stroke of strokes) {
    const pts = await toPage(canvas, stroke);
    await page.mouse.move(pts[0].x, pts[0].y);
    await page.mouse.down();
    for (const p of pts.slice(1)) await page.mouse.move(p.x, p.y);
    await page.mouse.up();
  }
}

/** Draws strokes with a finger: real touch input through the DevTools protocol (pointerType 'touch'). */
export async function drawWithTouch(cdp: CDPSession, canvas: Locator, strokes: readonly (readonly Frac[])[]): Promise<void> {
  for (const stroke of strokes) {
    const pts = await toPage(canvas, stroke);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...pts[0], id: 1 }] });
    for (const p of pts.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...p, id: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
}

/** Draws strokes with a pen: mouse events the protocol marks as pointerType 'pen', with pressure. */
export async function drawWithPen(cdp: CDPSession, canvas: Locator, strokes: readonly (readonly Frac[])[]): Promise<void> {
  for (const stroke of strokes) {
    const pts = await toPage(canvas, stroke);
    const pen = { pointerType: 'pen' as const, button: 'left' as const, clickCount: 1 };
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...pts[0], pointerType: 'pen' });
    await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...pts[0], ...pen, force: 0.4 });
    for (const [i, p] of pts.slice(1).entries()) {
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...p, pointerType: 'pen', button: 'left', buttons: 1, force: 0.3 + (i % 5) * 0.1 });
    }
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...pts[pts.length - 1], ...pen });
  }
}
