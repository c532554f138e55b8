import { describe, expect, it } from 'vitest';
import { drawPrompt, LABEL_COLOURS, labelColour, orList, shownLabel, withArticle } from './copy.js';

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe('copy from the card', () => {
  it('builds the prompt from the labels', () => {
    expect(drawPrompt(['o', 'x'])).toBe('Draw an O or an X');
    expect(drawPrompt(['neither', 'o', 'x'])).toBe('Draw an O or an X');
    expect(drawPrompt(['circle', 'square', 'triangle'])).toBe('Draw a circle, a square or a triangle');
    expect(drawPrompt(['apple', 'b'])).toBe('Draw an apple or a B');
    expect(orList(['cat'])).toBe('a cat');
  });

  it('shows letters as capitals and words as they are', () => {
    expect(shownLabel('x')).toBe('X');
    expect(shownLabel('tri')).toBe('tri');
    expect(withArticle('h')).toBe('an H');
    expect(withArticle('u')).toBe('a U');
  });

  it('gives each class a colour readable on white and visible on the bar track', () => {
    for (const c of LABEL_COLOURS) {
      expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c, '#e4e7ec'), c).toBeGreaterThanOrEqual(3);
    }
    expect(labelColour(0)).not.toBe(labelColour(1));
    expect(labelColour(LABEL_COLOURS.length)).toBe(labelColour(0));
  });
});
