import sharp from 'sharp';
import { mulberry32 } from '@inkling/core';
import { hexOf, rawToPng } from '../encode.js';
import { analyseInk, type InkAnalysis } from '../ink.js';

/**
 * What a phone photo of a drawing on paper brings: uneven light, printed lines, a neighbour's stroke at
 * the edge of the crop, JPEG. Each acts on the image as seen on white; the seeded ones draw where.
 */

type Random = () => number;
const between = (random: Random, lo: number, hi: number) => lo + (hi - lo) * random();

/** Multiplies each pixel by a light level per pixel (1 leaves it as it is). */
function lit(a: InkAnalysis, level: (x: number, y: number) => number): Uint8Array {
  const out = new Uint8Array(a.seen.length);
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const l = level(x, y);
      const i = (y * a.width + x) * 3;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(a.seen[i + c] * l);
    }
  }
  return out;
}

/** Distance from the image's centre along a seeded direction, in units of its longer side. */
function alongRandomDirection(a: InkAnalysis, random: Random): (x: number, y: number) => number {
  const angle = random() * 2 * Math.PI;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const side = Math.max(a.width, a.height);
  return (x, y) => ((x - a.width / 2) * dx + (y - a.height / 2) * dy) / side;
}

/**
 * A shadow falls across the page: a soft edge in a seeded direction and place, the shaded side at
 * 40–60% of the light, the lit side slightly grey.
 */
export async function shadow(input: Buffer, seed: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const random = mulberry32(seed);
  const along = alongRandomDirection(a, random);
  const at = between(random, -0.25, 0.25);
  const softness = between(random, 0.05, 0.2);
  const dark = between(random, 0.4, 0.6);
  const out = lit(a, (x, y) => 0.94 - (0.94 - dark) / (1 + Math.exp(-(along(x, y) - at) / softness)));
  return rawToPng(out, a.width, a.height, 3);
}

/** Lines printed on the paper, under the ink: a pixel takes the darker of the paper's line and the drawing (lines crisp, as a phone sharpens them). */
async function printedLines(a: InkAnalysis, svgLines: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${a.width}" height="${a.height}"><rect width="100%" height="100%" fill="#ffffff"/><g shape-rendering="crispEdges">${svgLines}</g></svg>`;
  const base = sharp(a.seen, { raw: { width: a.width, height: a.height, channels: 3 } });
  return base.composite([{ input: Buffer.from(svg), blend: 'darken' }]).png().toBuffer();
}

/** Ruled paper: light blue lines across, 6–9 to the image, a seeded offset, and a red margin line on some pages. */
export async function ruled(input: Buffer, seed: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const random = mulberry32(seed);
  const gap = a.height / between(random, 6, 9);
  const width = Math.max(1, Math.round(a.height / 180));
  let lines = '';
  for (let y = between(random, 0, gap); y < a.height; y += gap) lines += `<line x1="0" y1="${y.toFixed(1)}" x2="${a.width}" y2="${y.toFixed(1)}" stroke="#9cc3e6" stroke-width="${width}"/>`;
  if (random() < 0.5) {
    const x = between(random, 0.05, 0.2) * a.width;
    lines += `<line x1="${x.toFixed(1)}" y1="0" x2="${x.toFixed(1)}" y2="${a.height}" stroke="#e8a0a0" stroke-width="${width}"/>`;
  }
  return printedLines(a, lines);
}

/** Squared (graph) paper: grey-blue lines both ways, 8–12 squares across, seeded offsets. */
export async function squared(input: Buffer, seed: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const random = mulberry32(seed);
  const gap = Math.max(a.width, a.height) / between(random, 8, 12);
  const width = Math.max(1, Math.round(Math.max(a.width, a.height) / 220));
  let lines = '';
  for (let x = between(random, 0, gap); x < a.width; x += gap) lines += `<line x1="${x.toFixed(1)}" y1="0" x2="${x.toFixed(1)}" y2="${a.height}"/>`;
  for (let y = between(random, 0, gap); y < a.height; y += gap) lines += `<line x1="0" y1="${y.toFixed(1)}" x2="${a.width}" y2="${y.toFixed(1)}"/>`;
  return printedLines(a, `<g stroke="#a9b7c6" stroke-width="${width}">${lines}</g>`);
}

/** The mark's stroke width, roughly: its ink area over its length, the length being about half the ink's outline. */
function strokeWidth(a: InkAnalysis): number {
  let area = 0;
  let outline = 0;
  const on = (x: number, y: number) => x >= 0 && y >= 0 && x < a.width && y < a.height && a.inkMap[y * a.width + x] >= 0.5;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!on(x, y)) continue;
      area++;
      outline += Number(!on(x + 1, y)) + Number(!on(x - 1, y)) + Number(!on(x, y + 1)) + Number(!on(x, y - 1));
    }
  }
  return outline ? (2 * area) / outline : 2;
}

/**
 * A neighbour cell's mark reaches into the crop: from a seeded edge, in the drawing's ink and about its
 * stroke width, either the end of an X's stroke or the arc of an O whose centre lies outside, 8–20% of
 * the side deep.
 */
export async function neighbourStroke(input: Buffer, seed: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const random = mulberry32(seed);
  const { width: w, height: h } = a;
  const side = Math.max(w, h);
  const depth = between(random, 0.08, 0.2) * side;
  const edge = Math.floor(random() * 4);
  // Drawn as if entering from the top edge, then turned to the chosen edge.
  const p = between(random, 0.2, 0.8) * (edge % 2 === 0 ? w : h);
  let shape: string;
  if (random() < 0.5) {
    const lean = between(random, -0.8, 0.8) * depth;
    shape = `<path d="M ${(p - lean).toFixed(1)} ${(-depth).toFixed(1)} L ${(p + lean).toFixed(1)} ${depth.toFixed(1)}"/>`;
  } else {
    const r = between(random, 0.25, 0.45) * side;
    shape = `<circle cx="${p.toFixed(1)}" cy="${(depth - r).toFixed(1)}" r="${r.toFixed(1)}"/>`;
  }
  const turn = ['', `rotate(90) translate(0 ${-w})`, `rotate(180) translate(${-w} ${-h})`, `rotate(270) translate(${-h} 0)`][edge];
  const stroke = Math.max(2, Math.round(strokeWidth(a)));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><g transform="${turn}" fill="none" stroke="${hexOf(a.ink)}" stroke-width="${stroke}" stroke-linecap="round">${shape}</g></svg>`;
  return sharp(a.seen, { raw: { width: w, height: h, channels: 3 } }).composite([{ input: Buffer.from(svg) }]).png().toBuffer();
}

/**
 * A phone's JPEG: cream paper with light falling off to one side and sensor grain (seeded), saved at
 * quality 60 with the usual 4:2:0 chroma subsampling.
 */
export async function phoneJpeg(input: Buffer, seed: number): Promise<Buffer> {
  const a = await analyseInk(input);
  const random = mulberry32(seed);
  const along = alongRandomDirection(a, random);
  const out = lit(a, (x, y) => 0.9 - 0.12 * (0.5 + along(x, y)));
  const tint = [1, 0.97, 0.9];
  for (let i = 0; i < out.length; i++) {
    const grain = (random() + random() + random() - 1.5) * 10;
    out[i] = Math.max(0, Math.min(255, Math.round(out[i] * tint[i % 3] + grain)));
  }
  return sharp(out, { raw: { width: a.width, height: a.height, channels: 3 } }).jpeg({ quality: 60, chromaSubsampling: '4:2:0' }).toBuffer();
}
