import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype, { type Font, type PathCommand } from 'opentype.js';
import type { Pt, Stroke } from '../geometry.js';

/**
 * Typefaces shipped inside npm packages (Fontsource), read with opentype.js: the same outlines on
 * every machine, never the system's fonts. Licences are listed in ../FONTS.md.
 */
export interface FontFamily {
  pkg: string;
  family: string;
  licence: 'OFL-1.1' | 'Apache-2.0';
  kind: 'sans' | 'serif' | 'mono' | 'pixel' | 'display' | 'handwriting' | 'script';
  /** Weight-style suffixes of the Latin .woff files used, e.g. '400-normal'. */
  faces: string[];
}

const BI = ['400-normal', '700-normal', '400-italic', '700-italic'];
export const FONT_FAMILIES: readonly FontFamily[] = [
  { pkg: 'roboto', family: 'Roboto', licence: 'OFL-1.1', kind: 'sans', faces: BI },
  { pkg: 'open-sans', family: 'Open Sans', licence: 'OFL-1.1', kind: 'sans', faces: BI },
  { pkg: 'inter', family: 'Inter', licence: 'OFL-1.1', kind: 'sans', faces: BI },
  { pkg: 'montserrat', family: 'Montserrat', licence: 'OFL-1.1', kind: 'sans', faces: BI },
  { pkg: 'oswald', family: 'Oswald', licence: 'OFL-1.1', kind: 'sans', faces: ['400-normal', '700-normal'] },
  { pkg: 'bebas-neue', family: 'Bebas Neue', licence: 'OFL-1.1', kind: 'display', faces: ['400-normal'] },
  { pkg: 'fredoka', family: 'Fredoka', licence: 'OFL-1.1', kind: 'sans', faces: ['400-normal', '700-normal'] },
  { pkg: 'comfortaa', family: 'Comfortaa', licence: 'OFL-1.1', kind: 'sans', faces: ['400-normal', '700-normal'] },
  { pkg: 'merriweather', family: 'Merriweather', licence: 'OFL-1.1', kind: 'serif', faces: BI },
  { pkg: 'playfair-display', family: 'Playfair Display', licence: 'OFL-1.1', kind: 'serif', faces: BI },
  { pkg: 'lora', family: 'Lora', licence: 'OFL-1.1', kind: 'serif', faces: BI },
  { pkg: 'eb-garamond', family: 'EB Garamond', licence: 'OFL-1.1', kind: 'serif', faces: BI },
  { pkg: 'roboto-slab', family: 'Roboto Slab', licence: 'Apache-2.0', kind: 'serif', faces: ['400-normal', '700-normal'] },
  { pkg: 'abril-fatface', family: 'Abril Fatface', licence: 'OFL-1.1', kind: 'display', faces: ['400-normal'] },
  { pkg: 'ibm-plex-mono', family: 'IBM Plex Mono', licence: 'OFL-1.1', kind: 'mono', faces: BI },
  { pkg: 'courier-prime', family: 'Courier Prime', licence: 'OFL-1.1', kind: 'mono', faces: BI },
  { pkg: 'special-elite', family: 'Special Elite', licence: 'Apache-2.0', kind: 'mono', faces: ['400-normal'] },
  { pkg: 'press-start-2p', family: 'Press Start 2P', licence: 'OFL-1.1', kind: 'pixel', faces: ['400-normal'] },
  { pkg: 'vt323', family: 'VT323', licence: 'OFL-1.1', kind: 'pixel', faces: ['400-normal'] },
  { pkg: 'caveat', family: 'Caveat', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal', '700-normal'] },
  { pkg: 'patrick-hand', family: 'Patrick Hand', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'indie-flower', family: 'Indie Flower', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'kalam', family: 'Kalam', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal', '700-normal'] },
  { pkg: 'permanent-marker', family: 'Permanent Marker', licence: 'Apache-2.0', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'rock-salt', family: 'Rock Salt', licence: 'Apache-2.0', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'gloria-hallelujah', family: 'Gloria Hallelujah', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'shadows-into-light', family: 'Shadows Into Light', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'architects-daughter', family: 'Architects Daughter', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'reenie-beanie', family: 'Reenie Beanie', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'homemade-apple', family: 'Homemade Apple', licence: 'Apache-2.0', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'nanum-pen-script', family: 'Nanum Pen Script', licence: 'OFL-1.1', kind: 'handwriting', faces: ['400-normal'] },
  { pkg: 'cabin-sketch', family: 'Cabin Sketch', licence: 'OFL-1.1', kind: 'display', faces: ['400-normal', '700-normal'] },
  { pkg: 'dancing-script', family: 'Dancing Script', licence: 'OFL-1.1', kind: 'script', faces: ['400-normal', '700-normal'] },
  { pkg: 'pacifico', family: 'Pacifico', licence: 'OFL-1.1', kind: 'script', faces: ['400-normal'] },
  { pkg: 'lobster', family: 'Lobster', licence: 'OFL-1.1', kind: 'script', faces: ['400-normal'] },
  { pkg: 'sacramento', family: 'Sacramento', licence: 'OFL-1.1', kind: 'script', faces: ['400-normal'] },
];

export interface FontFace {
  family: FontFamily;
  face: string;
  /** "Roboto 700-italic": what the manifest records. */
  name: string;
}

export const FONT_FACES: readonly FontFace[] = FONT_FAMILIES.flatMap((family) => family.faces.map((face) => ({ family, face, name: `${family.family} ${face}` })));

/** A glyph outline: closed contours in pixels of a 1-unit em, y down; filled with the nonzero rule. */
export type Outline = Stroke[];

const require = createRequire(import.meta.url);
const fonts = new Map<string, Font>();
const outlines = new Map<string, Outline | null>();

function loadFont(face: FontFace): Font {
  let font = fonts.get(face.name);
  if (!font) {
    const file = require.resolve(`@fontsource/${face.family.pkg}/files/${face.family.pkg}-latin-${face.face}.woff`);
    const bytes = readFileSync(file);
    font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, { lowMemory: true });
    fonts.set(face.name, font);
  }
  return font;
}

/** Flattens a glyph's path (quadratic and cubic curves sampled) into closed polygons. */
function flatten(commands: readonly PathCommand[]): Outline {
  const contours: Outline = [];
  let cur: Pt[] = [];
  let last: Pt = [0, 0];
  const STEPS = 8;
  for (const c of commands) {
    if (c.type === 'M') {
      if (cur.length > 2) contours.push(cur);
      last = [c.x ?? 0, c.y ?? 0];
      cur = [last];
    } else if (c.type === 'L') {
      last = [c.x ?? 0, c.y ?? 0];
      cur.push(last);
    } else if (c.type === 'Q') {
      const [x0, y0] = last;
      const x1 = c.x1 ?? 0;
      const y1 = c.y1 ?? 0;
      const x = c.x ?? 0;
      const y = c.y ?? 0;
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        cur.push([u * u * x0 + 2 * u * t * x1 + t * t * x, u * u * y0 + 2 * u * t * y1 + t * t * y]);
      }
      last = [x, y];
    } else if (c.type === 'C') {
      const [x0, y0] = last;
      const { x1 = 0, y1 = 0, x2 = 0, y2 = 0, x = 0, y = 0 } = c;
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const d = 3 * u * t * t;
        const e = t * t * t;
        cur.push([a * x0 + b * x1 + d * x2 + e * x, a * y0 + b * y1 + d * y2 + e * y]);
      }
      last = [x, y];
    } else if (c.type === 'Z') {
      if (cur.length > 2) contours.push(cur);
      cur = [];
    }
  }
  if (cur.length > 2) contours.push(cur);
  return contours;
}

/** The outline of `char` in `face`, or null when the face has no such glyph (or an empty one). */
export function glyphOutline(face: FontFace, char: string): Outline | null {
  const key = `${face.name}\u0000${char}`;
  if (outlines.has(key)) return outlines.get(key) ?? null;
  const glyph = loadFont(face).charToGlyph(char);
  const outline = glyph && glyph.index !== 0 ? flatten(glyph.getPath(0, 0, 1).commands) : [];
  const result = outline.length > 0 ? outline : null;
  outlines.set(key, result);
  return result;
}
