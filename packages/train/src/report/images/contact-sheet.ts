import sharp, { type OverlayOptions } from 'sharp';
import { fitText, textElement, wrapText, type FontWeight } from '../text/font.js';
import { svgToPng } from './rasterise.js';

export interface TileLine {
  text: string;
  weight?: FontWeight;
  fill?: string;
}

export interface SheetTile {
  /** PNG thumbnails, `imageSize` square; a missing one is drawn as a grey placeholder. */
  original?: Buffer;
  input?: Buffer;
  lines: TileLine[];
}

export interface ContactSheetOptions {
  title: string;
  subtitle?: string;
  /** A line under the tiles, e.g. how many more were left out. */
  footer?: string;
  tiles: SheetTile[];
  imageSize?: number;
  columns?: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ContactSheet {
  png: Buffer;
  width: number;
  height: number;
  /** Where each tile's two pictures were placed, in tile order. */
  placements: { original: Rect; input: Rect }[];
}

const MARGIN = 16;
const PAD = 8;
const GAP = 6;
const GUTTER = 10;
const LINE = 15;
const TEXT_SIZE = 11;

/** The size a sheet of `count` tiles will have (the tests and the HTML use it). */
export function contactSheetLayout(count: number, linesPerTile: number, imageSize = 96, columns = 8, hasFooter = false, subtitleLines = 1) {
  const tileWidth = PAD + imageSize + GAP + imageSize + PAD;
  const tileHeight = PAD + imageSize + GAP + linesPerTile * LINE + PAD / 2;
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.ceil(count / cols);
  const header = 36 + subtitleLines * 16;
  const body = count === 0 ? 24 : rows * tileHeight + (rows - 1) * GUTTER;
  const width = Math.max(480, 2 * MARGIN + cols * tileWidth + (cols - 1) * GUTTER);
  const height = MARGIN + header + body + (hasFooter ? 28 : 0) + MARGIN;
  return { tileWidth, tileHeight, cols, rows, header, width, height };
}

/**
 * A contact sheet: a title, then one tile per image with two pictures side by side (the file and
 * what the model saw) and a few lines of text under them. Text is outlined with the report's font,
 * so the PNG looks the same on every machine.
 */
export async function contactSheet(options: ContactSheetOptions): Promise<ContactSheet> {
  const imageSize = options.imageSize ?? 96;
  const linesPerTile = Math.max(0, ...options.tiles.map((t) => t.lines.length));
  const hasFooter = options.footer !== undefined;
  const narrow = contactSheetLayout(options.tiles.length, linesPerTile, imageSize, options.columns ?? 8, hasFooter);
  const subtitle = options.subtitle ? wrapText(options.subtitle, narrow.width - 2 * MARGIN, 12) : [];
  const layout = contactSheetLayout(options.tiles.length, linesPerTile, imageSize, options.columns ?? 8, hasFooter, subtitle.length);
  const { width, height, tileWidth, tileHeight, cols } = layout;
  const svg: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`, `<rect width="100%" height="100%" fill="white"/>`];
  svg.push(textElement(options.title, { x: MARGIN, y: MARGIN, size: 16, weight: 'bold', baseline: 'top' }));
  subtitle.forEach((line, i) => svg.push(textElement(line, { x: MARGIN, y: MARGIN + 26 + i * 16, size: 12, baseline: 'top', fill: '#444' })));
  const top = MARGIN + layout.header;
  if (options.tiles.length === 0) svg.push(textElement('No images to show.', { x: MARGIN, y: top, size: 12, baseline: 'top', fill: '#444' }));

  const placements: ContactSheet['placements'] = [];
  const composites: OverlayOptions[] = [];
  options.tiles.forEach((tile, k) => {
    const x = MARGIN + (k % cols) * (tileWidth + GUTTER);
    const y = top + Math.floor(k / cols) * (tileHeight + GUTTER);
    svg.push(`<rect x="${x}" y="${y}" width="${tileWidth}" height="${tileHeight}" fill="#f3f3f3" stroke="#d0d0d0"/>`);
    const original = { x: x + PAD, y: y + PAD, width: imageSize, height: imageSize };
    const input = { x: x + PAD + imageSize + GAP, y: y + PAD, width: imageSize, height: imageSize };
    placements.push({ original, input });
    for (const [rect, png] of [[original, tile.original], [input, tile.input]] as const) {
      if (png) composites.push({ input: png, left: rect.x, top: rect.y });
      else {
        svg.push(`<rect x="${rect.x}" y="${rect.y}" width="${imageSize}" height="${imageSize}" fill="#bbb"/>`);
        svg.push(textElement('unreadable', { x: rect.x + imageSize / 2, y: rect.y + imageSize / 2, size: 10, anchor: 'middle', baseline: 'middle', fill: '#333' }));
      }
    }
    tile.lines.forEach((line, i) => {
      const text = fitText(line.text, tileWidth - 2 * PAD, TEXT_SIZE, line.weight);
      svg.push(textElement(text, { x: x + PAD, y: y + PAD + imageSize + GAP + i * LINE, size: TEXT_SIZE, weight: line.weight, baseline: 'top', fill: line.fill ?? '#111' }));
    });
  });
  if (options.footer !== undefined) svg.push(textElement(fitText(options.footer, width - 2 * MARGIN, 12), { x: MARGIN, y: height - MARGIN - 16, size: 12, baseline: 'top', fill: '#444' }));
  svg.push('</svg>');
  const base = await svgToPng(svg.join(''));
  const png = composites.length ? await sharp(base).composite(composites).png().toBuffer() : base;
  return { png, width, height, placements };
}
