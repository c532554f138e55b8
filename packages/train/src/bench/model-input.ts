import { existsSync, readFileSync } from 'node:fs';

export type Shape3 = [number, number, number];

/** Used when there is no default model yet (or its card has no usable input shape). */
export const FALLBACK_INPUT: Shape3 = [48, 48, 1];

/** The default model's input shape, from its card's `input.shape`; FALLBACK_INPUT when the card is missing or has none. */
export function defaultModelInput(cardPath: string): { shape: Shape3; from: string } {
  if (!existsSync(cardPath)) return { shape: FALLBACK_INPUT, from: `${cardPath} not found` };
  let shape: unknown;
  try {
    shape = (JSON.parse(readFileSync(cardPath, 'utf8')) as { input?: { shape?: unknown } }).input?.shape;
  } catch (err) {
    return { shape: FALLBACK_INPUT, from: `${cardPath} unreadable (${err instanceof Error ? err.message : String(err)})` };
  }
  if (Array.isArray(shape) && shape.length === 3 && shape.every((d) => Number.isInteger(d) && d > 0)) {
    return { shape: shape as Shape3, from: cardPath };
  }
  return { shape: FALLBACK_INPUT, from: `${cardPath} has no input.shape [h, w, c]` };
}

export const shapeName = ([h, w, c]: Shape3) => `${h}x${w}x${c}`;
