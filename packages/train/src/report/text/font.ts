import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype, { type Font, type Glyph, type PathCommand } from 'opentype.js';

/**
 * Every word in the report's pictures is drawn from one font that ships inside an npm package
 * (DejaVu Sans, via @fontsource), outlined into SVG paths. librsvg (sharp's SVG rasteriser) would
 * otherwise pick whatever fonts the machine has, and a machine with none draws no text at all; with
 * paths, a PNG is the same on every machine.
 */
export const FONT_FAMILY = 'DejaVu Sans';

export type FontWeight = 'normal' | 'bold';

const FILES: Record<FontWeight, string> = {
  normal: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  bold: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
};

interface LoadedFont {
  font: Font;
  /** Glyph outlines in font units (y down, baseline at 0), parsed once each. */
  outlines: Map<number, PathCommand[]>;
  capHeight: number;
}

const fonts = new Map<FontWeight, LoadedFont>();

function load(weight: FontWeight): LoadedFont {
  let loaded = fonts.get(weight);
  if (!loaded) {
    const file = createRequire(import.meta.url).resolve(FILES[weight]);
    const bytes = readFileSync(file);
    // lowMemory parses glyphs on demand: a report uses a few dozen of DejaVu's 6,000.
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, { lowMemory: true });
    loaded = { font, outlines: new Map(), capHeight: font.tables.os2?.sCapHeight || font.unitsPerEm * 0.73 };
    fonts.set(weight, loaded);
  }
  return loaded;
}

/** "bold", "700", 600… count as bold; everything else is the regular face. */
export function weightOf(value: string | number | undefined): FontWeight {
  if (value === undefined) return 'normal';
  if (typeof value === 'number') return value >= 600 ? 'bold' : 'normal';
  if (value === 'bold' || value === 'bolder') return 'bold';
  const n = Number(value);
  return Number.isFinite(n) && n >= 600 ? 'bold' : 'normal';
}

interface PlacedGlyph {
  glyph: Glyph;
  /** Pen position in font units. */
  x: number;
}

/**
 * Lays glyphs out one after another with the font's kerning. No shaping (ligatures, contextual
 * forms): labels, numbers and titles in Latin, Greek and Cyrillic need none, and opentype.js's
 * shaper rejects one of DejaVu's lookup types.
 */
function layout(loaded: LoadedFont, text: string): { glyphs: PlacedGlyph[]; advance: number } {
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  let previous: Glyph | undefined;
  for (const char of text) {
    const glyph = loaded.font.charToGlyph(char);
    if (previous) x += loaded.font.getKerningValue(previous, glyph);
    glyphs.push({ glyph, x });
    x += glyph.advanceWidth ?? 0;
    previous = glyph;
  }
  return { glyphs, advance: x };
}

/** Width in pixels of `text` set at `size` pixels. */
export function measureText(text: string, size: number, weight: FontWeight = 'normal'): number {
  const loaded = load(weight);
  return (layout(loaded, text).advance * size) / loaded.font.unitsPerEm;
}

/** Shortens `text` with an ellipsis until it fits in `maxWidth` pixels. */
export function fitText(text: string, maxWidth: number, size: number, weight: FontWeight = 'normal'): string {
  if (measureText(text, size, weight) <= maxWidth) return text;
  const chars = [...text];
  let keep = chars.length;
  while (keep > 0 && measureText(`${chars.slice(0, keep).join('')}…`, size, weight) > maxWidth) keep--;
  return keep > 0 ? `${chars.slice(0, keep).join('')}…` : '';
}

/** Breaks `text` into lines no wider than `maxWidth` at spaces (a single overlong word is shortened). */
export function wrapText(text: string, maxWidth: number, size: number, weight: FontWeight = 'normal'): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || measureText(candidate, size, weight) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => fitText(l, maxWidth, size, weight));
}

export type TextAnchor = 'start' | 'middle' | 'end';
/** Where `y` sits: on the baseline, at the top of capitals, halfway up them, or below descenders. */
export type TextBaseline = 'alphabetic' | 'top' | 'middle' | 'bottom';

export interface TextPathOptions {
  x?: number;
  y?: number;
  size: number;
  weight?: FontWeight;
  anchor?: TextAnchor;
  baseline?: TextBaseline;
}

function outline(loaded: LoadedFont, glyph: Glyph): PathCommand[] {
  let commands = loaded.outlines.get(glyph.index);
  if (!commands) {
    // At fontSize = unitsPerEm the path comes out in font units, already flipped to SVG's y-down.
    commands = glyph.getPath(0, 0, loaded.font.unitsPerEm).commands;
    loaded.outlines.set(glyph.index, commands);
  }
  return commands;
}

const num = (v: number) => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** The SVG path data (`d`) of `text` as outlines, positioned as a `<text>` element would be. */
export function textPathData(text: string, options: TextPathOptions): string {
  const { size, x = 0, y = 0, anchor = 'start', baseline = 'alphabetic' } = options;
  const loaded = load(options.weight ?? 'normal');
  const { glyphs, advance } = layout(loaded, text);
  const scale = size / loaded.font.unitsPerEm;
  const left = x - (anchor === 'middle' ? (advance * scale) / 2 : anchor === 'end' ? advance * scale : 0);
  const shift =
    baseline === 'top' ? loaded.capHeight : baseline === 'middle' ? loaded.capHeight / 2 : baseline === 'bottom' ? loaded.font.descender : 0;
  const top = y + shift * scale;
  const parts: string[] = [];
  for (const { glyph, x: pen } of glyphs) {
    const ox = left + pen * scale;
    const px = (v = 0) => num(ox + v * scale);
    const py = (v = 0) => num(top + v * scale);
    for (const c of outline(loaded, glyph)) {
      if (c.type === 'M' || c.type === 'L') parts.push(`${c.type}${px(c.x)} ${py(c.y)}`);
      else if (c.type === 'Q') parts.push(`Q${px(c.x1)} ${py(c.y1)} ${px(c.x)} ${py(c.y)}`);
      else if (c.type === 'C') parts.push(`C${px(c.x1)} ${py(c.y1)} ${px(c.x2)} ${py(c.y2)} ${px(c.x)} ${py(c.y)}`);
      else parts.push('Z');
    }
  }
  return parts.join('');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A `<path>` that draws `text` (its words kept in aria-label for screen readers and tests). */
export function textElement(text: string, options: TextPathOptions & { fill?: string; opacity?: number }): string {
  const d = textPathData(text, options);
  const opacity = options.opacity === undefined ? '' : ` opacity="${options.opacity}"`;
  return `<path d="${d}" fill="${options.fill ?? '#000'}"${opacity} aria-label="${escapeXml(text)}" data-text="${escapeXml(text)}"/>`;
}
