import type { RGB } from './colors.js';
import type { Pt, Stroke } from './geometry.js';

/** Everything needed to paint one image, in pixels of the canvas it is drawn on. */
export interface Scene {
  canvas: { width: number; height: number };
  /** Resampled to this size at the end (a tiny source scaled up, a photo scaled down); null: as drawn. */
  output: { width: number; height: number; kernel: 'nearest' | 'linear' | 'cubic' | 'lanczos3' } | null;
  background: { kind: 'paper'; color: RGB } | { kind: 'transparent'; hidden: RGB };
  /** Uneven light on a photographed page: a darkening gradient and a vignette, as fractions. */
  shading: { angle: number; from: number; to: number; vignette: number } | null;
  /** Faint printed lines of a notebook page, under the ink. */
  ruled: { lines: [Pt, Pt][]; color: RGB; width: number } | null;
  ink: RGB;
  inkOpacity: number;
  mark: StrokeMark | GlyphMark;
  /** Straight lines round the mark: the cell walls of a tic-tac-toe grid. */
  gridLines: { a: Pt; b: Pt; width: number; color: RGB }[];
  antialias: boolean;
  /** Gaussian blur sigma in output pixels; 0 for none. */
  blur: number;
  /** Standard deviation of per-pixel noise on the 0–255 scale; 0 for none. */
  noise: number;
  /** JPEG quality of a lossy round trip; 0 for none. */
  jpeg: number;
  /** Paint the ink map through a colour map instead of ink on paper. */
  colormap: { name: string; reversed: boolean } | null;
  /** Store as a one-channel grey PNG. */
  grayscale: boolean;
}

export interface StrokeMark {
  kind: 'strokes';
  strokes: Stroke[];
  width: number;
  /** Pressure: how much the width swells and thins along a stroke (0 = constant). */
  widthVariation: number;
  /** Seed for the width variation, so it is part of the scene and not of the renderer's state. */
  widthSeed: number;
}

export interface GlyphMark {
  kind: 'glyph';
  contours: Stroke[];
  /** Extra outline width that makes a face bolder (0 = as designed). */
  embolden: number;
}
