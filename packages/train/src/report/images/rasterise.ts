import sharp from 'sharp';

/**
 * Rasterises an SVG to PNG with sharp (librsvg). The SVG must have no `<text>` left (outline it
 * first): librsvg would draw text with whatever fonts the machine has, or none.
 * `scale` 2 gives a sharp picture on high-density screens.
 */
export async function svgToPng(svg: string, scale = 1): Promise<Buffer> {
  if (/<text[\s>]/.test(svg)) throw new Error('svgToPng: outline the SVG text first (outlineSvgText)');
  return sharp(Buffer.from(svg), { density: 72 * scale }).png().toBuffer();
}
