import sharp, { type Sharp } from 'sharp';
import { colormapTable } from './colors.js';
import type { Scene } from './scene.js';
import { sceneSvg } from './svg.js';
import { mulberry32 } from '@inkling/core';

/**
 * A fixed table of standard normal draws. Per-pixel noise reads it from a seeded offset with a
 * seeded stride, which is as random as the eye or a CNN can tell and many times cheaper than a
 * Box–Muller draw per pixel.
 */
const NORMALS = (() => {
  const random = mulberry32(0x5eed);
  const t = new Float32Array(1 << 16);
  for (let i = 0; i < t.length; i += 2) {
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    t[i] = r * Math.cos(2 * Math.PI * v);
    t[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return t;
})();

const colormaps = new Map<string, Uint8Array>();

function applyColormap(data: Buffer, channels: number, paperLuma: number, name: string, reversed: boolean): void {
  let table = colormaps.get(name);
  if (!table) colormaps.set(name, (table = colormapTable(name)));
  // The ink map: how far each pixel is from the paper's grey, 0 (paper) to 255 (full ink).
  const span = Math.max(1, paperLuma);
  for (let i = 0; i < data.length; i += channels) {
    const l = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    let v = Math.round(Math.max(0, Math.min(255, ((paperLuma - l) / span) * 255)));
    if (reversed) v = 255 - v;
    data[i] = table[v * 3];
    data[i + 1] = table[v * 3 + 1];
    data[i + 2] = table[v * 3 + 2];
  }
}

function addNoise(data: Buffer, channels: number, sd: number, seed: number): void {
  const random = mulberry32(seed);
  let k = Math.floor(random() * NORMALS.length);
  const stride = 1 + 2 * Math.floor(random() * 1000);
  const colour = channels >= 3 ? 3 : 1;
  const mono = random() < 0.5;
  for (let i = 0; i < data.length; i += channels) {
    const shared = NORMALS[(k = (k + stride) & 0xffff)] * sd;
    for (let c = 0; c < colour; c++) {
      const z = mono ? shared : NORMALS[(k = (k + stride) & 0xffff)] * sd;
      const v = data[i + c] + z;
      data[i + c] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
}

/** Transparent pixels keep colour values that no one sees; canvases store black, some tools white. */
function setHiddenColour(data: Buffer, hidden: readonly [number, number, number]): void {
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) {
      data[i] = hidden[0];
      data[i + 1] = hidden[1];
      data[i + 2] = hidden[2];
    }
  }
}

/** Paints a scene to PNG bytes: SVG through sharp's bundled librsvg, then the camera's effects. */
export async function renderScene(scene: Scene, noiseSeed: number): Promise<Buffer> {
  const svg = Buffer.from(sceneSvg(scene));
  const transparent = scene.background.kind === 'transparent';
  // Resizing straight from SVG would make sharp redraw the vector at the new size (shrink on load),
  // not resample the drawn pixels as a thumbnail or an upscaled icon does.
  const pixelWork = (scene.colormap !== null && !transparent) || (scene.noise > 0 && !transparent) || scene.output !== null;
  let img: Sharp;
  if (pixelWork) {
    const { data, info } = await sharp(svg).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const channels = info.channels;
    if (scene.colormap && scene.background.kind === 'paper') {
      const [r, g, b] = scene.background.color;
      applyColormap(data, channels, 0.299 * r + 0.587 * g + 0.114 * b, scene.colormap.name, scene.colormap.reversed);
    }
    if (scene.noise > 0 && !transparent) addNoise(data, channels, scene.noise, noiseSeed);
    img = sharp(data, { raw: { width: info.width, height: info.height, channels } });
  } else {
    // Nothing to do in JS: one sharp pipeline from SVG to PNG (about a third faster).
    img = sharp(svg);
  }
  if (!transparent) img = img.removeAlpha();
  if (scene.output) img = img.resize(scene.output.width, scene.output.height, { fit: 'fill', kernel: scene.output.kernel });
  if (scene.blur >= 0.3) img = img.blur(scene.blur);
  if (scene.jpeg > 0) {
    const jpeg = await img.jpeg({ quality: scene.jpeg, chromaSubsampling: scene.jpeg < 70 ? '4:2:0' : '4:4:4' }).toBuffer();
    img = sharp(jpeg);
  }
  if (scene.grayscale && !transparent) img = img.grayscale();
  const hidden = scene.background.kind === 'transparent' ? scene.background.hidden : null;
  // librsvg leaves transparent pixels black; other hidden colours need a pass over the pixels.
  if (hidden && (hidden[0] !== 0 || hidden[1] !== 0 || hidden[2] !== 0)) {
    const out = await img.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    setHiddenColour(out.data, hidden);
    return sharp(out.data, { raw: { width: out.info.width, height: out.info.height, channels: 4 } }).png().toBuffer();
  }
  return img.png().toBuffer();
}

/** The size of the PNG that renderScene makes for `scene`. */
export function outputSize(scene: Scene): { width: number; height: number } {
  return scene.output ? { width: scene.output.width, height: scene.output.height } : { ...scene.canvas };
}
