import type { MarkMaker } from './styles.js';
import { sampleStyle, type Style } from './styles.js';
import { outputSize, renderScene } from './render.js';
import { Rng } from './rng.js';

/** What the manifest records about one image besides its file, label and split. */
export interface ImageFacts {
  style: Style;
  /** How the mark was drawn: an O/X variant ('spiral', 'plus', 'glyph-x', …) or a shape. */
  variant: string;
  source: 'strokes' | 'glyph';
  font?: string;
  framing: string;
  detail: string;
  width: number;
  height: number;
  /** The image's own seed: (run seed, class, index) mixed; regenerates this image alone. */
  seed: number;
}

/** Samples and paints one image. `blank` keeps the style's ground and drops the mark. */
export async function makeImage(style: Style, seed: number, make: MarkMaker, blank = false): Promise<{ png: Buffer; facts: ImageFacts }> {
  const rng = new Rng(seed);
  const styled = sampleStyle(style, rng, make);
  const { scene, source } = styled;
  if (blank) {
    // A blank page keeps its ground, light and grain, but nothing drawn: no mark, grid or rules.
    scene.mark = { kind: 'strokes', strokes: [], width: 1, widthVariation: 0, widthSeed: 0 };
    scene.gridLines = [];
    scene.ruled = null;
  }
  const png = await renderScene(scene, rng.int(0, 2 ** 31));
  const size = outputSize(scene);
  return {
    png,
    facts: {
      style,
      variant: blank ? 'blank' : source.variant,
      source: source.kind,
      ...(source.kind === 'glyph' && !blank ? { font: source.font } : {}),
      framing: blank ? 'none' : styled.framing,
      detail: styled.detail,
      width: size.width,
      height: size.height,
      seed,
    },
  };
}
