import sharp from 'sharp';

export type RGB = [number, number, number];

/** An image decoded to RGBA, with what the transforms need to know about its paper and ink. */
export interface InkAnalysis {
  width: number;
  height: number;
  /** RGBA, straight alpha, as decoded. */
  rgba: Buffer;
  /** True when some pixel is not fully opaque: the "paper" is then transparency. */
  transparent: boolean;
  /** The ground as seen on white: per-channel median of a thin ring along the border. */
  paper: RGB;
  /** The ink: the median colour of the pixels furthest from the paper. */
  ink: RGB;
  /** The mark's bounding box (pixels clearly unlike the paper), or null for a blank image. */
  bbox: { left: number; top: number; width: number; height: number } | null;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Decodes an image and finds its paper, ink and the mark's box (alpha composited onto white). */
export async function analyseInk(input: Buffer): Promise<InkAnalysis> {
  const { data, info } = await sharp(input).ensureAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const n = width * height;
  const seen = new Float32Array(n * 3);
  let transparent = false;
  for (let i = 0; i < n; i++) {
    const a = data[i * 4 + 3] / 255;
    if (a < 1) transparent = true;
    for (let c = 0; c < 3; c++) seen[i * 3 + c] = data[i * 4 + c] * a + 255 * (1 - a);
  }
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.03));
  const border: number[][] = [[], [], []];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y >= ring && y < height - ring && x >= ring && x < width - ring) continue;
      for (let c = 0; c < 3; c++) border[c].push(seen[(y * width + x) * 3 + c]);
    }
  }
  const paper = border.map((v) => Math.round(median(v))) as RGB;
  const dist = new Float32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.max(Math.abs(seen[i * 3] - paper[0]), Math.abs(seen[i * 3 + 1] - paper[1]), Math.abs(seen[i * 3 + 2] - paper[2]));
    dist[i] = d;
    if (d > max) max = d;
  }
  // Ink: clearly unlike the paper (a third of the strongest difference, and more than faint noise).
  const threshold = Math.max(24, max / 3);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  const strong: number[][] = [[], [], []];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (dist[i] < threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (dist[i] >= max * 0.75) for (let c = 0; c < 3; c++) strong[c].push(seen[i * 3 + c]);
    }
  }
  const bbox = x1 < 0 ? null : { left: x0, top: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  const ink = (bbox ? strong.map((v) => Math.round(median(v))) : paper.map((v) => 255 - v)) as RGB;
  return { width, height, rgba: data, transparent, paper, ink, bbox };
}

/** The image as a viewer sees it: alpha composited onto white, as 3-channel raw pixels. */
export function seenOnWhite(a: InkAnalysis): Buffer {
  const out = Buffer.alloc(a.width * a.height * 3);
  for (let i = 0; i < a.width * a.height; i++) {
    const alpha = a.rgba[i * 4 + 3] / 255;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(a.rgba[i * 4 + c] * alpha + 255 * (1 - alpha));
  }
  return out;
}
