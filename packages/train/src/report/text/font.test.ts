import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fitText, measureText, textElement, textPathData, weightOf } from './font.js';
import { outlineSvgText } from './outline-svg-text.js';

/** Bounding box of the dark pixels of a PNG rendered from `svg` (undefined when none). */
async function inkBox(svg: string) {
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let box: { x0: number; y0: number; x1: number; y1: number; count: number } | undefined;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x] > 128) continue;
      box = box ?? { x0: x, y0: y, x1: x, y1: y, count: 0 };
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x);
      box.y1 = Math.max(box.y1, y);
      box.count++;
    }
  }
  return box;
}

const svgOf = (body: string, w = 200, h = 60) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;

describe('the report font', () => {
  it('measures text from the font itself (wider text, bigger size, bold all measure wider)', () => {
    expect(measureText('', 12)).toBe(0);
    expect(measureText('WWW', 12)).toBeGreaterThan(measureText('iii', 12));
    expect(measureText('Loss', 24)).toBeCloseTo(2 * measureText('Loss', 12), 6);
    expect(measureText('Loss', 12, 'bold')).toBeGreaterThan(measureText('Loss', 12));
    expect(weightOf('bold')).toBe('bold');
    expect(weightOf(700)).toBe('bold');
    expect(weightOf('normal')).toBe('normal');
  });

  it('draws text as outlines where a <text> element would put it, with no font on the machine needed', async () => {
    const box = await inkBox(svgOf(textElement('Hello 12%', { x: 20, y: 40, size: 20 })));
    expect(box).toBeDefined();
    expect(box!.count).toBeGreaterThan(100);
    expect(box!.x0).toBeGreaterThanOrEqual(20);
    expect(box!.x0).toBeLessThan(24);
    expect(box!.y1).toBeLessThanOrEqual(41); // baseline at y = 40 ('%' and digits sit on it)
    expect(box!.y0).toBeGreaterThan(20); // capitals are about 0.73 em tall
    expect(box!.x1 - box!.x0).toBeCloseTo(measureText('Hello 12%', 20), -1);
  });

  it('anchors text at its middle or end, and places it by top or middle', async () => {
    const middle = await inkBox(svgOf(`<path d="${textPathData('MMMM', { x: 100, y: 40, size: 20, anchor: 'middle' })}"/>`));
    expect((middle!.x0 + middle!.x1) / 2).toBeCloseTo(100, -1);
    const end = await inkBox(svgOf(`<path d="${textPathData('MMMM', { x: 150, y: 40, size: 20, anchor: 'end' })}"/>`));
    expect(end!.x1).toBeLessThanOrEqual(150);
    expect(end!.x1).toBeGreaterThan(145);
    const top = await inkBox(svgOf(`<path d="${textPathData('H', { x: 10, y: 10, size: 20, baseline: 'top' })}"/>`));
    expect(top!.y0).toBeGreaterThanOrEqual(9);
    expect(top!.y0).toBeLessThanOrEqual(11);
  });

  it('shortens text with an ellipsis to fit a width', () => {
    expect(fitText('short', 500, 12)).toBe('short');
    const cut = fitText('a/very/long/path/to/an/image/file.png', 80, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(measureText(cut, 12)).toBeLessThanOrEqual(80);
  });
});

describe('outlineSvgText', () => {
  it('replaces every <text> with a path that keeps its transform, fill and words', () => {
    const svg = svgOf(
      '<text text-anchor="middle" transform="translate(100,30) rotate(-90)" font-size="11px" font-weight="bold" fill="#123456" opacity="1">A &amp; B</text>' +
        '<text transform="translate(5,5)" font-size="10px" opacity="0">hidden</text>' +
        '<text x="10" y="20" font-size="10px"><tspan>one</tspan><tspan x="10" dy="1.2em">two</tspan></text>',
    );
    const out = outlineSvgText(svg);
    expect(out).not.toMatch(/<text[\s>]/);
    expect(out).toContain('transform="translate(100,30) rotate(-90)"');
    expect(out).toContain('fill="#123456"');
    expect(out).toContain('aria-label="A &amp; B"');
    expect(out).toContain('aria-label="one two"');
    expect(out).toContain('data-text="A &amp; B"');
    expect(out).not.toContain('hidden');
    expect(out).not.toContain('font-size');
  });

  it('renders the same ink as a hand-placed outline of the same words', async () => {
    const viaText = outlineSvgText(svgOf('<text x="20" y="40" font-size="20px">Accuracy</text>'));
    const direct = svgOf(textElement('Accuracy', { x: 20, y: 40, size: 20 }));
    expect(await inkBox(viaText)).toEqual(await inkBox(direct));
  });
});
