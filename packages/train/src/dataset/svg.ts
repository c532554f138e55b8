import { hex, mix } from './colors.js';
import type { Stroke } from './geometry.js';
import { mulberry32 } from '@inkling/core';
import type { Scene } from './scene.js';

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function pathData(s: Stroke, close = false): string {
  if (s.length === 0) return '';
  let d = `M${n(s[0][0])} ${n(s[0][1])}`;
  for (let i = 1; i < s.length; i++) d += `L${n(s[i][0])} ${n(s[i][1])}`;
  // A single point still leaves a dot with round caps.
  if (s.length === 1) d += `L${n(s[0][0] + 0.01)} ${n(s[0][1])}`;
  return close ? `${d}Z` : d;
}

/** Splits a stroke into short runs of varying width: pen pressure, as SVG has no variable-width line. */
function pressureRuns(s: Stroke, width: number, variation: number, random: () => number): { d: string; w: number }[] {
  if (variation <= 0 || s.length < 6) return [{ d: pathData(s), w: width }];
  const runs: { d: string; w: number }[] = [];
  const phase = random() * 6.28;
  const freq = 0.5 + random() * 1.5;
  const step = Math.max(3, Math.round(s.length / (4 + random() * 6)));
  for (let i = 0; i < s.length - 1; i += step) {
    const u = i / s.length;
    const w = width * (1 + variation * Math.sin(phase + 6.28 * freq * u));
    runs.push({ d: pathData(s.slice(i, Math.min(s.length, i + step + 1))), w: Math.max(0.6, w) });
  }
  return runs;
}

/** The scene as an SVG document that librsvg (bundled with sharp) rasterises. */
export function sceneSvg(scene: Scene): string {
  const { width, height } = scene.canvas;
  const crisp = scene.antialias ? '' : ' shape-rendering="crispEdges"';
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  if (scene.background.kind === 'paper') parts.push(`<rect width="${width}" height="${height}" fill="${hex(scene.background.color)}"/>`);
  if (scene.ruled) {
    const d = scene.ruled.lines.map(([a, b]) => pathData([a, b])).join('');
    parts.push(`<path d="${d}" stroke="${hex(scene.ruled.color)}" stroke-width="${n(scene.ruled.width)}" fill="none"/>`);
  }
  for (const g of scene.gridLines) {
    parts.push(`<path d="${pathData([g.a, g.b])}" stroke="${hex(g.color)}" stroke-width="${n(g.width)}" stroke-linecap="round" fill="none"${crisp}/>`);
  }
  // Thin ink on paper is mixed into the colour: group opacity makes librsvg paint offscreen, 2-3x slower.
  const onPaper = scene.background.kind === 'paper';
  const ink = hex(onPaper && scene.background.kind === 'paper' ? mix(scene.background.color, scene.ink, scene.inkOpacity) : scene.ink);
  const opacity = !onPaper && scene.inkOpacity < 1 ? ` opacity="${n(scene.inkOpacity)}"` : '';
  const mark = scene.mark;
  if (mark.kind === 'strokes') {
    const random = mulberry32(mark.widthSeed);
    parts.push(`<g fill="none" stroke="${ink}" stroke-linecap="round" stroke-linejoin="round"${opacity}${crisp}>`);
    for (const s of mark.strokes) {
      for (const run of pressureRuns(s, mark.width, mark.widthVariation, random)) parts.push(`<path d="${run.d}" stroke-width="${n(run.w)}"/>`);
    }
    parts.push('</g>');
  } else {
    const d = mark.contours.map((c) => pathData(c, true)).join('');
    const outline = mark.embolden > 0 ? ` stroke="${ink}" stroke-width="${n(mark.embolden)}" stroke-linejoin="round"` : '';
    parts.push(`<path d="${d}" fill="${ink}" fill-rule="nonzero"${outline}${opacity}${crisp}/>`);
  }
  if (scene.shading) {
    const { angle, from, to, vignette } = scene.shading;
    const x = Math.cos(angle) / 2;
    const y = Math.sin(angle) / 2;
    parts.push(
      `<defs><linearGradient id="l" x1="${n(0.5 - x)}" y1="${n(0.5 - y)}" x2="${n(0.5 + x)}" y2="${n(0.5 + y)}">` +
        `<stop offset="0" stop-color="#000" stop-opacity="${n(from)}"/><stop offset="1" stop-color="#000" stop-opacity="${n(to)}"/></linearGradient>` +
        `<radialGradient id="v" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${n(vignette)}"/></radialGradient></defs>`,
      `<rect width="${width}" height="${height}" fill="url(#l)"/><rect width="${width}" height="${height}" fill="url(#v)"/>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
