import { darkInk, darkPaper, hsl, lightInk, lightPaper, mix, photoPaper, COLORMAPS, type RGB } from './colors.js';
import { fitInto, type Pt, type Stroke } from './geometry.js';
import type { MarkSource } from './marks/index.js';
import { aspectOf, DEFAULT_FRAMING_WEIGHTS, layout, longSide, perspective, placeStrokes, pointerize, type Framing, type Layout, type PointerOptions } from './placement.js';
import type { Rng } from './rng.js';
import type { Scene } from './scene.js';

/** The looks of the data set; every image has exactly one. Described in STYLE_DESCRIPTIONS. */
export const STYLES = [
  'canvas',
  'canvas-transparent',
  'paint-pixel',
  'memo-app',
  'marker',
  'font',
  'paper-photo',
  'marker-photo',
  'inverted',
  'colormap',
  'tiny',
  'grid-cell',
  'marker-crop',
  'board-cell',
] as const;
export type Style = (typeof STYLES)[number];

export const STYLE_DESCRIPTIONS: Record<Style, string> = {
  canvas: 'pointer-drawn on a web canvas or in a paint program: opaque light ground, anti-aliased, 1 px to thick lines, mouse jitter',
  'canvas-transparent': 'the same on a transparent canvas: RGBA with alpha only on the ink (hidden pixels black, white or ink-coloured)',
  'paint-pixel': 'paint-program pencil: no anti-aliasing, 1–5 px, whole-pixel mouse positions, polygonal fast strokes',
  'memo-app': 'finger-drawn in a phone memo app: smoothed strokes with pressure, note-paper or dark-mode grounds',
  marker: 'fat marker on a light ground',
  font: 'O/o and X/x/× glyphs from 36 typefaces shipped in npm packages, any weight, slant or stretch',
  'paper-photo': 'pen or pencil on paper photographed by a phone: tinted or grey paper, uneven light, perspective, blur, noise, JPEG',
  'marker-photo': 'marker on paper or a whiteboard, photographed',
  inverted: 'light ink on a dark ground: binarised captures, dark-mode apps, chalkboards',
  colormap: 'the ink map plotted through a colour map (viridis, magma, jet, …)',
  tiny: 'tiny sources: drawn at 10–30 px and scaled up (nearest or smooth) or kept tiny, or shrunk from a larger drawing',
  'grid-cell': 'one cell of a tic-tac-toe grid: stray grid lines at the edges, sometimes a neighbouring cell’s stroke',
  'marker-crop': 'marker on paper photographed, cropped tight to the mark (strokes touch the edges) and saved at 8–90 px, sometimes squashed up to 3:1',
  'board-cell': 'a binarised webcam cell of a board: a light mark on black, solid light bands 5–25% thick along one to three edges',
};

/** How often each style is drawn for the O/X set (relative weights). */
export const STYLE_WEIGHTS: Record<Style, number> = {
  canvas: 14,
  'canvas-transparent': 12,
  'paint-pixel': 7,
  'memo-app': 8,
  marker: 6,
  font: 11,
  'paper-photo': 10,
  'marker-photo': 5,
  inverted: 8,
  colormap: 4,
  tiny: 9,
  'grid-cell': 6,
  'marker-crop': 9,
  'board-cell': 7,
};

export interface StyledScene {
  scene: Scene;
  framing: Framing;
  /** The mark as drawn: its variant, and the typeface for glyphs. */
  source: MarkSource;
  /** A few words on choices within the style (e.g. "binarised", "upscaled-nearest"). */
  detail: string;
}

export type MarkMaker = (rng: Rng, glyphChance: number) => MarkSource;

interface InkOptions {
  /** Pen width as a fraction of the mark's long side (log-uniform range). */
  widthRatio: [number, number];
  minWidth?: number;
  pointer?: PointerOptions | null;
  widthVariation?: number;
  perspective?: number;
}

/** Places a mark in a layout: strokes get a pen width and pointer effects; glyphs fill the box. */
function inkMark(rng: Rng, source: MarkSource, lay: Layout, o: InkOptions): { mark: Scene['mark']; warp: ((s: readonly Stroke[]) => Stroke[]) | null } {
  const warp = o.perspective ? perspective(rng, lay.canvas.width, lay.canvas.height, o.perspective) : null;
  const side = longSide(lay.box);
  if (source.kind === 'glyph') {
    let contours = fitInto(source.contours, lay.box);
    if (warp) contours = warp(contours);
    const embolden = rng.chance(0.35) ? side * rng.uniform(0.005, 0.05) : 0;
    return { mark: { kind: 'glyph', contours, embolden }, warp };
  }
  const width = Math.max(o.minWidth ?? 1, side * rng.logUniform(o.widthRatio[0], o.widthRatio[1]));
  let strokes = placeStrokes(source.strokes, lay.box, width);
  if (warp) strokes = warp(strokes);
  if (o.pointer) strokes = pointerize(strokes, rng, o.pointer);
  return { mark: { kind: 'strokes', strokes, width, widthVariation: o.widthVariation ?? 0, widthSeed: rng.int(0, 2 ** 31) }, warp };
}

function sourceAspect(source: MarkSource): number {
  return aspectOf(source.kind === 'glyph' ? source.contours : source.strokes);
}

function framingOf(rng: Rng, weights: Partial<Record<Framing, number>> = DEFAULT_FRAMING_WEIGHTS): Framing {
  return rng.weighted(weights as Record<Framing, number>);
}

function plainScene(partial: Pick<Scene, 'canvas' | 'background' | 'ink' | 'mark'> & Partial<Scene>): Scene {
  return { output: null, shading: null, ruled: null, inkOpacity: 1, gridLines: [], antialias: true, blur: 0, noise: 0, jpeg: 0, colormap: null, grayscale: false, ...partial };
}

function mousePointer(rng: Rng, side: number): PointerOptions {
  // Tremor is a hand's, in screen pixels, but a small mark drawn zoomed in shakes less.
  const jitter = Math.min(rng.chance(0.5) ? rng.uniform(0, 0.35) : rng.uniform(0.3, 1.2), side * 0.015);
  return { spacing: rng.logUniform(1, Math.max(1.5, side / 12)), jitter, quantize: rng.chance(0.6) };
}

/** Sometimes soft: a resampled screenshot or a shaky camera; sigma up to 3% of the mark's size. */
function maybeBlur(rng: Rng, p: number, markSide: number): number {
  return rng.chance(p) ? rng.uniform(0.3, Math.max(0.5, Math.min(3, markSide * 0.03))) : 0;
}

/** Sometimes saved as JPEG along the way (a screenshot sent on, a chat app's recompression). */
function maybeJpeg(rng: Rng, p: number, range: [number, number] = [30, 92]): number {
  return rng.chance(p) ? rng.int(range[0], range[1]) : 0;
}

function canvasStyle(rng: Rng, make: MarkMaker, transparent: boolean): StyledScene {
  const source = make(rng, 0.05);
  const lay = layout(rng, sourceAspect(source), [60, 400], framingOf(rng));
  const side = longSide(lay.box);
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.02, 0.16], pointer: mousePointer(rng, side), widthVariation: rng.chance(0.2) ? rng.uniform(0.1, 0.3) : 0 });
  const ink = rng.chance(0.8) ? darkInk(rng) : hsl(rng.uniform(0, 360), rng.uniform(0.6, 1), rng.uniform(0.4, 0.6));
  const hidden: RGB = rng.weighted({ black: 7, white: 2, ink: 2 }) === 'black' ? [0, 0, 0] : rng.chance(0.5) ? [255, 255, 255] : ink;
  const scene = plainScene({
    canvas: lay.canvas,
    background: transparent ? { kind: 'transparent', hidden } : { kind: 'paper', color: lightPaper(rng) },
    ink,
    mark,
    antialias: rng.chance(0.9),
    blur: maybeBlur(rng, 0.1, side),
    jpeg: transparent ? 0 : maybeJpeg(rng, 0.15),
  });
  return { scene, framing: lay.framing, source, detail: transparent ? `hidden-${hidden.join(',')}` : 'opaque' };
}

function paintPixel(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0);
  const lay = layout(rng, sourceAspect(source), [40, 320], framingOf(rng));
  const side = longSide(lay.box);
  const onePx = rng.chance(0.4);
  const { mark } = inkMark(rng, source, lay, { widthRatio: onePx ? [0.001, 0.002] : [0.02, 0.08], minWidth: onePx ? 1 : 2, pointer: { spacing: rng.logUniform(2, Math.max(3, side / 6)), jitter: rng.uniform(0, 0.5), quantize: true } });
  if (mark.kind === 'strokes') mark.width = Math.min(Math.round(mark.width), 6);
  const ink: RGB = rng.chance(0.6) ? [0, 0, 0] : rng.pick<RGB>([[255, 0, 0], [0, 0, 255], [0, 128, 0], [128, 0, 128], [0, 0, 128], [128, 0, 0]]);
  const scene = plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: rng.chance(0.85) ? [255, 255, 255] : lightPaper(rng) }, ink, mark, antialias: false, grayscale: rng.chance(0.15) });
  return { scene, framing: lay.framing, source, detail: onePx ? '1px' : 'pencil' };
}

function memoApp(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0);
  const lay = layout(rng, sourceAspect(source), [120, 400], framingOf(rng), 0.4);
  const look = rng.weighted({ white: 4, note: 3, dark: 2 });
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.03, 0.14], minWidth: 2, pointer: { spacing: rng.uniform(1, 3), jitter: rng.uniform(0, 0.3), quantize: false }, widthVariation: rng.uniform(0, 0.35) });
  const paper: RGB = look === 'white' ? [255, 255, 255] : look === 'note' ? hsl(rng.uniform(40, 60), rng.uniform(0.6, 1), rng.uniform(0.8, 0.9)) : darkPaper(rng);
  const ink = look === 'dark' ? lightInk(rng) : darkInk(rng);
  const scene = plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: paper }, ink, mark, blur: maybeBlur(rng, 0.1, longSide(lay.box)), jpeg: maybeJpeg(rng, 0.35, [50, 92]) });
  return { scene, framing: lay.framing, source, detail: look };
}

function marker(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0);
  const lay = layout(rng, sourceAspect(source), [48, 400], framingOf(rng), 0.7, 24);
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.08, 0.22], minWidth: 3, pointer: { spacing: rng.uniform(1, 4), jitter: rng.uniform(0, 0.6), quantize: false }, widthVariation: rng.uniform(0, 0.15) });
  const scene = plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: lightPaper(rng) }, ink: darkInk(rng), inkOpacity: rng.chance(0.3) ? rng.uniform(0.75, 0.95) : 1, mark, antialias: rng.chance(0.85), jpeg: maybeJpeg(rng, 0.2) });
  return { scene, framing: lay.framing, source, detail: 'marker' };
}

function font(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 1);
  const lay = layout(rng, sourceAspect(source), [24, 320], framingOf(rng));
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.05, 0.15] });
  const dark = rng.chance(0.2);
  const scene = plainScene({
    canvas: lay.canvas,
    background: dark ? { kind: 'paper', color: darkPaper(rng) } : rng.chance(0.15) ? { kind: 'transparent', hidden: [0, 0, 0] } : { kind: 'paper', color: lightPaper(rng) },
    ink: dark ? lightInk(rng) : darkInk(rng),
    mark,
    antialias: rng.chance(0.85),
    blur: rng.chance(0.15) ? rng.uniform(0.3, 1.2) : 0,
    jpeg: maybeJpeg(rng, 0.2),
  });
  if (scene.background.kind === 'transparent') scene.jpeg = 0;
  return { scene, framing: lay.framing, source, detail: dark ? 'light-on-dark' : 'dark-on-light' };
}

/** Faint printed lines across a notebook page. */
function ruledLines(rng: Rng, width: number, height: number, paper: RGB, squared = false): Scene['ruled'] {
  const gap = rng.uniform(0.08, 0.2) * Math.max(width, height);
  const tilt = rng.normal(0, 0.02) * width;
  const lines: [Pt, Pt][] = [];
  for (let y = rng.uniform(0, gap); y < height + Math.abs(tilt); y += gap) lines.push([[0, y], [width, y + tilt]]);
  // Squared paper: the same lines across.
  if (squared) for (let x = rng.uniform(0, gap); x < width + Math.abs(tilt); x += gap) lines.push([[x, 0], [x - tilt, height]]);
  return { lines, color: mix(paper, hsl(rng.uniform(190, 230), 0.6, 0.5), rng.uniform(0.2, 0.45)), width: Math.max(0.6, rng.uniform(0.003, 0.008) * Math.max(width, height)) };
}

function photo(rng: Rng, make: MarkMaker, withMarker: boolean): StyledScene {
  const source = make(rng, withMarker ? 0 : 0.15);
  const lay = layout(rng, sourceAspect(source), [90, 400], framingOf(rng), 0.5, withMarker ? 24 : 12);
  const pencil = !withMarker && rng.chance(0.2);
  const { mark } = inkMark(rng, source, lay, {
    widthRatio: withMarker ? [0.08, 0.25] : [0.015, 0.08],
    minWidth: withMarker ? 2.5 : 1.1,
    pointer: { spacing: rng.uniform(1, 3), jitter: rng.uniform(0, 0.5), quantize: false },
    widthVariation: rng.uniform(0.05, 0.35),
    perspective: rng.chance(0.7) ? rng.uniform(0.01, 0.07) : 0,
  });
  const whiteboard = withMarker && rng.chance(0.35);
  const paper: RGB = whiteboard ? hsl(rng.uniform(180, 230), rng.uniform(0, 0.15), rng.uniform(0.8, 0.95)) : photoPaper(rng);
  const ink: RGB = pencil ? hsl(rng.uniform(200, 240), rng.uniform(0, 0.1), rng.uniform(0.2, 0.45)) : withMarker ? rng.pick<RGB>([[20, 20, 25], [25, 50, 160], [170, 25, 30], [20, 110, 50], hsl(rng.uniform(0, 360), 0.7, 0.35)]) : darkInk(rng);
  const { width, height } = lay.canvas;
  const downscale = rng.chance(0.35) ? rng.uniform(0.35, 0.8) : 1;
  const scene = plainScene({
    canvas: lay.canvas,
    output: downscale < 1 ? { width: Math.max(16, Math.round(width * downscale)), height: Math.max(16, Math.round(height * downscale)), kernel: 'lanczos3' } : null,
    background: { kind: 'paper', color: paper },
    shading: rng.chance(0.75) ? { angle: rng.uniform(0, 2 * Math.PI), from: rng.uniform(0, 0.08), to: rng.uniform(0.04, 0.25), vignette: rng.uniform(0, 0.3) } : null,
    ruled: !whiteboard && rng.chance(0.2) ? ruledLines(rng, width, height, paper, rng.chance(0.4)) : null,
    ink,
    inkOpacity: pencil ? rng.uniform(0.55, 0.85) : rng.uniform(0.8, 1),
    mark,
    blur: rng.chance(0.8) ? rng.uniform(0.3, 1.8) : 0,
    noise: rng.uniform(1.5, 9),
    jpeg: maybeJpeg(rng, 0.75, [25, 92]),
    grayscale: rng.chance(0.1),
  });
  if (rng.chance(0.12) && mark.kind === 'strokes') scene.gridLines.push(neighbourStroke(rng, width, height, mark.width, ink));
  return { scene, framing: lay.framing, source, detail: pencil ? 'pencil' : whiteboard ? 'whiteboard' : withMarker ? 'marker' : 'pen' };
}

function inverted(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0.2);
  const kind = rng.weighted({ binarised: 4, 'dark-mode': 3, chalkboard: 2 });
  const lay = layout(rng, sourceAspect(source), [32, 400], framingOf(rng));
  const side = longSide(lay.box);
  const { mark } = inkMark(rng, source, lay, { widthRatio: kind === 'chalkboard' ? [0.04, 0.15] : [0.02, 0.18], pointer: mousePointer(rng, side), widthVariation: kind === 'chalkboard' ? rng.uniform(0.1, 0.4) : 0 });
  const scene =
    kind === 'binarised'
      ? plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: [0, 0, 0] }, ink: [255, 255, 255], mark, antialias: rng.chance(0.3), grayscale: rng.chance(0.5) })
      : kind === 'dark-mode'
        ? plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: darkPaper(rng) }, ink: lightInk(rng), mark, jpeg: maybeJpeg(rng, 0.15) })
        : plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: hsl(rng.uniform(100, 170), rng.uniform(0.1, 0.35), rng.uniform(0.12, 0.25)) }, ink: hsl(rng.uniform(0, 360), rng.uniform(0, 0.3), rng.uniform(0.8, 0.95)), inkOpacity: rng.uniform(0.6, 0.9), mark, noise: rng.uniform(3, 10), blur: rng.uniform(0, 1), jpeg: maybeJpeg(rng, 0.5) });
  return { scene, framing: lay.framing, source, detail: kind };
}

function colormap(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0.25);
  const lay = layout(rng, sourceAspect(source), [28, 300], framingOf(rng));
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.03, 0.18], pointer: mousePointer(rng, longSide(lay.box)) });
  const name = rng.pick(Object.keys(COLORMAPS));
  const scene = plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: [255, 255, 255] }, ink: [0, 0, 0], mark, colormap: { name, reversed: rng.chance(0.3) }, blur: rng.chance(0.3) ? rng.uniform(0.3, 1) : 0 });
  return { scene, framing: lay.framing, source, detail: name };
}

function tiny(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0.2);
  const how = rng.weighted({ 'upscaled-nearest': 3, 'upscaled-smooth': 3, kept: 2, shrunk: 6 });
  const aspect = sourceAspect(source);
  const dark = rng.chance(0.25);
  const background: Scene['background'] = dark ? { kind: 'paper', color: darkPaper(rng) } : rng.chance(0.2) ? { kind: 'transparent', hidden: [0, 0, 0] } : { kind: 'paper', color: lightPaper(rng) };
  const ink = dark ? lightInk(rng) : darkInk(rng);
  if (how === 'shrunk') {
    // Drawn at a usual size, then the whole picture shrunk to 8–28 px, as a thumbnail or the
    // robustness suite's 12 px downscale does; never so far that the mark is under 2.5 px.
    const lay = layout(rng, aspect, [80, 320], framingOf(rng));
    const { mark } = inkMark(rng, source, lay, { widthRatio: [0.03, 0.16], pointer: mousePointer(rng, longSide(lay.box)) });
    const canvasLong = Math.max(lay.canvas.width, lay.canvas.height);
    const scale = Math.max(rng.logUniform(8, 28) / canvasLong, 2.5 / longSide(lay.box));
    const out = { width: Math.max(2, Math.round(lay.canvas.width * scale)), height: Math.max(2, Math.round(lay.canvas.height * scale)), kernel: rng.pick(['lanczos3', 'lanczos3', 'linear', 'cubic'] as const) };
    return { scene: plainScene({ canvas: lay.canvas, output: out, background, ink, mark }), framing: lay.framing, source, detail: how };
  }
  const lay = layout(rng, aspect, [10, 30], framingOf(rng, { centred: 5, tight: 3, 'off-centre': 1 }));
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.06, 0.15], pointer: null });
  const up = how === 'kept' ? 1 : rng.logUniform(2, 12);
  const output = up === 1 ? null : { width: Math.round(lay.canvas.width * up), height: Math.round(lay.canvas.height * up), kernel: how === 'upscaled-nearest' ? ('nearest' as const) : rng.pick(['linear', 'cubic', 'lanczos3'] as const) };
  const scene = plainScene({ canvas: lay.canvas, output, background, ink, mark, antialias: rng.chance(0.6), jpeg: background.kind === 'paper' ? maybeJpeg(rng, 0.15) : 0 });
  return { scene, framing: lay.framing, source, detail: how };
}

function gridCell(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0.1);
  const lay = layout(rng, sourceAspect(source), [48, 320], framingOf(rng, { centred: 6, 'off-centre': 3 }), 0.6);
  const side = longSide(lay.box);
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.02, 0.16], pointer: mousePointer(rng, side) });
  const { width, height } = lay.canvas;
  const ink = darkInk(rng);
  const lineColour = rng.chance(0.5) ? ink : darkInk(rng);
  const lineWidth = rng.chance(0.5) && mark.kind === 'strokes' ? mark.width : Math.max(1, rng.uniform(0.005, 0.04) * Math.max(width, height));
  const lines: Scene['gridLines'] = [];
  const sides = rng.pick([['l'], ['r'], ['t'], ['b'], ['l', 'r'], ['t', 'b'], ['l', 't'], ['r', 'b'], ['l', 'r', 't', 'b'], ['l', 'r', 't'], ['r', 't', 'b']]);
  for (const s of sides) {
    const inset = rng.uniform(0, 0.1);
    const tilt = rng.normal(0, 0.015);
    const start = rng.chance(0.7) ? -0.05 : rng.uniform(0, 0.25);
    const end = rng.chance(0.7) ? 1.05 : rng.uniform(0.75, 1);
    if (s === 'l' || s === 'r') {
      const x = s === 'l' ? inset * width : (1 - inset) * width;
      lines.push({ a: [x, start * height], b: [x + tilt * width, end * height], width: lineWidth, color: lineColour });
    } else {
      const y = s === 't' ? inset * height : (1 - inset) * height;
      lines.push({ a: [start * width, y], b: [end * width, y + tilt * height], width: lineWidth, color: lineColour });
    }
  }
  if (rng.chance(0.25)) lines.push(neighbourStroke(rng, width, height, mark.kind === 'strokes' ? mark.width : lineWidth, ink));
  const scene = plainScene({ canvas: lay.canvas, background: rng.chance(0.15) ? { kind: 'transparent', hidden: [0, 0, 0] } : { kind: 'paper', color: lightPaper(rng) }, ink, mark, gridLines: lines, antialias: rng.chance(0.85) });
  return { scene, framing: lay.framing, source, detail: `${sides.join('')}` };
}


/**
 * A stroke of a neighbouring cell's mark reaching in from one edge: a short, slightly bent line
 * from outside the picture, in the mark's pen.
 */
function neighbourStroke(rng: Rng, width: number, height: number, pen: number, color: RGB): Scene['gridLines'][number] {
  const edge = rng.int(0, 3);
  const along = rng.uniform(0.1, 0.9);
  const reach = rng.uniform(0.06, 0.2) * Math.min(width, height);
  const angle = rng.normal(0, 0.6);
  const start: Pt = edge === 0 ? [along * width, -pen] : edge === 1 ? [width + pen, along * height] : edge === 2 ? [along * width, height + pen] : [-pen, along * height];
  const inward = edge === 0 ? Math.PI / 2 : edge === 1 ? Math.PI : edge === 2 ? -Math.PI / 2 : 0;
  return { a: start, b: [start[0] + Math.cos(inward + angle) * reach, start[1] + Math.sin(inward + angle) * reach], width: pen, color };
}

/**
 * Marker on paper, photographed and cropped tight to the mark, as a phone app cuts out each mark:
 * strokes touch two to four edges, and the crop is saved small (8–90 px), sometimes squashed.
 */
function markerCrop(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0);
  const lay = layout(rng, sourceAspect(source), [60, 240], 'tight', 1, 24);
  const { mark } = inkMark(rng, source, lay, {
    widthRatio: [0.05, 0.25],
    minWidth: 2,
    pointer: { spacing: rng.uniform(1, 3), jitter: rng.uniform(0, 0.5), quantize: false },
    widthVariation: rng.uniform(0, 0.3),
    perspective: rng.chance(0.5) ? rng.uniform(0.01, 0.05) : 0,
  });
  const { width, height } = lay.canvas;
  const long = rng.logUniform(8, 90);
  const squash = rng.chance(0.35) ? Math.exp(rng.uniform(-1, 1) * Math.log(3)) : 1;
  const ratio = (width / height) * squash;
  const out = ratio >= 1 ? { width: long, height: long / ratio } : { width: long * ratio, height: long };
  const paper: RGB = rng.chance(0.7) ? photoPaper(rng) : [255, 255, 255];
  const scene = plainScene({
    canvas: lay.canvas,
    output: { width: Math.max(3, Math.round(out.width)), height: Math.max(3, Math.round(out.height)), kernel: rng.pick(['lanczos3', 'linear', 'cubic'] as const) },
    background: { kind: 'paper', color: paper },
    shading: rng.chance(0.5) ? { angle: rng.uniform(0, 2 * Math.PI), from: rng.uniform(0, 0.05), to: rng.uniform(0.02, 0.2), vignette: rng.uniform(0, 0.2) } : null,
    ink: rng.chance(0.7) ? [rng.int(5, 40), rng.int(5, 40), rng.int(5, 45)] : darkInk(rng),
    mark,
    blur: rng.chance(0.6) ? rng.uniform(0.3, 1.5) : 0,
    noise: rng.uniform(0, 6),
    jpeg: maybeJpeg(rng, 0.5, [40, 92]),
    grayscale: rng.chance(0.2),
  });
  return { scene, framing: lay.framing, source, detail: squash === 1 ? 'as-cut' : `squashed-${squash.toFixed(2)}` };
}

/**
 * One cell of a board seen by a webcam and binarised: a light mark on black, with solid light bands
 * (a grid line or the page beyond the board) 5–25% of the side thick along one to three edges,
 * often joined as an L or a U; the mark fills a quarter to a half of the cell.
 */
function boardCell(rng: Rng, make: MarkMaker): StyledScene {
  const source = make(rng, 0.05);
  const side = Math.round(rng.logUniform(40, 200));
  const aspect = sourceAspect(source);
  const edges = rng.pick([['t'], ['l'], ['b'], ['r'], ['t', 'l'], ['l', 'b'], ['b', 'r'], ['r', 't'], ['t', 'l', 'b'], ['l', 'b', 'r'], ['b', 'r', 't'], ['r', 't', 'l']]);
  const thickness = edges.map(() => rng.uniform(0.05, 0.25) * side);
  // The mark sits in the dark part of the cell, clear of the bands, a quarter to a half of the cell.
  const inset = (e: string) => (edges.includes(e) ? thickness[edges.indexOf(e)] + 0.04 * side : 0.04 * side);
  const free = { x0: inset('l'), y0: inset('t'), x1: side - inset('r'), y1: side - inset('b') };
  const room = Math.min(free.x1 - free.x0, free.y1 - free.y0);
  const fill = Math.min(rng.uniform(0.25, 0.55) * side, room);
  const [w, h] = aspect >= 1 ? [fill, fill / aspect] : [fill * aspect, fill];
  const cx = rng.uniform(free.x0 + w / 2, Math.max(free.x0 + w / 2, free.x1 - w / 2));
  const cy = rng.uniform(free.y0 + h / 2, Math.max(free.y0 + h / 2, free.y1 - h / 2));
  const lay: Layout = { canvas: { width: side, height: side }, box: { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 }, framing: 'centred' };
  const { mark } = inkMark(rng, source, lay, { widthRatio: [0.04, 0.16], minWidth: 1.5, pointer: mousePointer(rng, fill) });
  const white: RGB = [255, 255, 255];
  const bands: Scene['gridLines'] = edges.map((e, i) => {
    const t = thickness[i];
    const tilt = rng.normal(0, 0.02) * side;
    const at = t / 2 - 1;
    if (e === 't') return { a: [-side, at], b: [2 * side, at + tilt], width: t, color: white };
    if (e === 'b') return { a: [-side, side - at], b: [2 * side, side - at + tilt], width: t, color: white };
    if (e === 'l') return { a: [at, -side], b: [at + tilt, 2 * side], width: t, color: white };
    return { a: [side - at, -side], b: [side - at + tilt, 2 * side], width: t, color: white };
  });
  if (rng.chance(0.15) && mark.kind === 'strokes') bands.push(neighbourStroke(rng, side, side, mark.width, white));
  const scene = plainScene({ canvas: lay.canvas, background: { kind: 'paper', color: [0, 0, 0] }, ink: white, mark, gridLines: bands, antialias: rng.chance(0.3), grayscale: rng.chance(0.6) });
  return { scene, framing: lay.framing, source, detail: edges.join('') };
}

const SAMPLERS: Record<Style, (rng: Rng, make: MarkMaker) => StyledScene> = {
  canvas: (r, m) => canvasStyle(r, m, false),
  'canvas-transparent': (r, m) => canvasStyle(r, m, true),
  'paint-pixel': paintPixel,
  'memo-app': memoApp,
  marker,
  font,
  'paper-photo': (r, m) => photo(r, m, false),
  'marker-photo': (r, m) => photo(r, m, true),
  inverted,
  colormap,
  tiny,
  'grid-cell': gridCell,
  'marker-crop': markerCrop,
  'board-cell': boardCell,
};

export function sampleStyle(style: Style, rng: Rng, make: MarkMaker): StyledScene {
  return SAMPLERS[style](rng, make);
}
