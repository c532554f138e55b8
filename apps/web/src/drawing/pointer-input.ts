import type { Point } from './strokes.js';

export interface StrokeEvents {
  start(point: Point): void;
  move(points: Point[]): void;
  end(): void;
}

/**
 * Turns pointer events (mouse, touch, pen) on `target` into strokes. One pointer draws at a time: a
 * second finger is ignored rather than joined to the first one's line. The element needs
 * `touch-action: none` (see the stylesheet) so a finger draws instead of scrolling the page.
 * Returns a function that detaches the listeners.
 */
export function attachPointerInput(target: HTMLElement, events: StrokeEvents): () => void {
  let active: number | null = null;

  const toPoint = (e: { clientX: number; clientY: number }, rect: DOMRect): Point => ({
    x: (e.clientX - rect.left) / rect.width,
    y: (e.clientY - rect.top) / rect.height,
  });

  const down = (e: PointerEvent) => {
    if (active !== null) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    active = e.pointerId;
    try {
      target.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events have no pointer to capture; drawing still works inside the element.
    }
    e.preventDefault();
    events.start(toPoint(e, target.getBoundingClientRect()));
  };

  const move = (e: PointerEvent) => {
    if (e.pointerId !== active) return;
    e.preventDefault();
    const rect = target.getBoundingClientRect();
    // Coalesced events carry the moves the browser merged into this frame: smoother fast strokes.
    const merged = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    events.move((merged.length > 0 ? merged : [e]).map((m) => toPoint(m, rect)));
  };

  const up = (e: PointerEvent) => {
    if (e.pointerId !== active) return;
    active = null;
    // pointercancel (the system took the pointer) keeps what was drawn so far, like lifting the pen.
    events.end();
  };

  target.addEventListener('pointerdown', down);
  target.addEventListener('pointermove', move);
  target.addEventListener('pointerup', up);
  target.addEventListener('pointercancel', up);
  target.addEventListener('lostpointercapture', up);
  return () => {
    target.removeEventListener('pointerdown', down);
    target.removeEventListener('pointermove', move);
    target.removeEventListener('pointerup', up);
    target.removeEventListener('pointercancel', up);
    target.removeEventListener('lostpointercapture', up);
  };
}
