import { parseDocument, DomUtils } from 'htmlparser2';
import { escapeXml, textPathData, weightOf, type TextAnchor } from './font.js';

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/** Attributes that only mean something to text; everything else (transform, fill, opacity…) carries over. */
const TEXT_ONLY = new Set([
  'x', 'y', 'dx', 'dy', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor',
  'letter-spacing', 'word-spacing', 'text-decoration', 'dominant-baseline', 'alignment-baseline', 'lengthAdjust', 'textLength',
]);

/** "12px", "12", "1.2em" (of `fontSize`) -> pixels. */
function length(value: string | undefined, fontSize: number): number {
  if (!value) return 0;
  const v = value.trim();
  const n = parseFloat(v);
  if (!Number.isFinite(n)) return 0;
  return v.endsWith('em') ? n * fontSize : n;
}

function anchorOf(value: string | undefined): TextAnchor {
  return value === 'middle' || value === 'end' ? value : 'start';
}

interface Line {
  text: string;
  x: number;
  y: number;
}

/** A `<text>`'s lines: its own text, or one per `<tspan>` (how vega writes multi-line labels). */
function linesOf(el: Element, fontSize: number): Line[] {
  const baseX = length(el.attribs.x, fontSize) + length(el.attribs.dx, fontSize);
  const baseY = length(el.attribs.y, fontSize) + length(el.attribs.dy, fontSize);
  const spans = DomUtils.getElementsByTagName('tspan', el.children, false);
  if (spans.length === 0) return [{ text: DomUtils.textContent(el), x: baseX, y: baseY }];
  const lines: Line[] = [];
  let x = baseX;
  let y = baseY;
  for (const span of spans) {
    if (span.attribs.x !== undefined) x = length(span.attribs.x, fontSize);
    if (span.attribs.y !== undefined) y = length(span.attribs.y, fontSize);
    x += length(span.attribs.dx, fontSize);
    y += length(span.attribs.dy, fontSize);
    lines.push({ text: DomUtils.textContent(span), x, y });
  }
  return lines;
}

function replacement(el: Element): string {
  const a = el.attribs;
  if (a.opacity !== undefined && parseFloat(a.opacity) === 0) return '';
  if (a.display === 'none') return '';
  const fontSize = length(a['font-size'] ?? '16', 16) || 16;
  const weight = weightOf(a['font-weight']);
  const anchor = anchorOf(a['text-anchor']);
  const lines = linesOf(el, fontSize);
  const d = lines.map((l) => textPathData(l.text, { x: l.x, y: l.y, size: fontSize, weight, anchor })).join('');
  const kept = Object.entries(a)
    .filter(([name]) => !TEXT_ONLY.has(name))
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  const label = lines.map((l) => l.text).join(' ');
  // The words stay findable: in aria-label for screen readers (unless vega wrote its own) and data-text.
  const aria = a['aria-label'] === undefined ? ` aria-label="${escapeXml(label)}"` : '';
  return `<path${kept} d="${d}"${aria} data-text="${escapeXml(label)}"/>`;
}

/**
 * Replaces every `<text>` element of an SVG document with a `<path>` of its outlines in the
 * report's font, so that rasterising the SVG needs no font on the machine and looks the same
 * everywhere. Hidden text (opacity 0, as vega marks overlapping axis labels) is dropped.
 */
export function outlineSvgText(svg: string): string {
  const doc = parseDocument(svg, { xmlMode: true, withStartIndices: true, withEndIndices: true });
  const texts = DomUtils.getElementsByTagName('text', doc.children, true);
  // Splice from the end so earlier indices stay valid; nested <text> does not occur in SVG.
  const ordered = [...texts].sort((p, q) => (q.startIndex ?? 0) - (p.startIndex ?? 0));
  let out = svg;
  for (const el of ordered) {
    if (el.startIndex === null || el.endIndex === null) throw new Error('the SVG parser lost the position of a <text> element');
    out = out.slice(0, el.startIndex) + replacement(el) + out.slice(el.endIndex + 1);
  }
  return out;
}
