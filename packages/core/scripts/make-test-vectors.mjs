// Writes src/test-vectors/vectors.generated.ts: a few small images (as PNG/JPEG bytes), a
// preprocessing spec for each, and the exact output core's decoder and preprocessing give for them
// today. Node, workerd and Chromium replay them (see src/test-vectors/replay.ts) and must agree.
// Run after `npm run build -w packages/core`:  node scripts/make-test-vectors.mjs
//
// The JPEG decoder vectors (baseline, progressive, 4:2:0 and 4:4:4, grayscale, EXIF orientations 1–8)
// are encoded by libjpeg-turbo through sharp, once, into src/test-vectors/jpeg/*.jpg, which are
// committed: the outputs are recomputed from those bytes, so a new sharp cannot move them. To remake
// the files themselves (rarely; then regenerate the outputs):  node scripts/make-test-vectors.mjs --jpeg-fixtures
// (that mode imports sharp, which the workspace installs for @inkling/train; core itself never needs it).
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { mulberry32, preprocessToArray, sha256Hex } from '../dist/index.js';
import { applyOrientation, decodeImage, inverseOrientation } from '../dist/decode/index.js';

/** Coverage (0..1) of a stroke given by a distance function, 4x4 supersampled. */
function paint(width, height, distance, strokeWidth) {
  const cov = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) if (distance(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) <= strokeWidth / 2) hits++;
      cov[y * width + x] = hits / 16;
    }
  return cov;
}
const ring = (cx, cy, r) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r);
function segment(ax, ay, bx, by) {
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
  };
}
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

function compose(width, height, channels, cov, ink, paper, { alphaInk = false, noise = 0, seed = 1 } = {}) {
  const r = mulberry32(seed);
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const c = cov[i];
    for (let ch = 0; ch < Math.min(channels, 3); ch++) {
      let v = alphaInk ? ink[ch] * (c > 0 ? 1 : 0) : paper[ch] * (1 - c) + ink[ch] * c;
      if (noise) v += (r() - 0.5) * 2 * noise;
      data[i * channels + ch] = Math.max(0, Math.min(255, Math.round(v)));
    }
    if (channels === 4) data[i * channels + 3] = alphaInk ? Math.round(c * 255) : 255;
  }
  return data;
}

const png = (width, height, channels, data) => encodePng({ width, height, channels, depth: 8, data });
const jpg = (width, height, rgb, quality) => {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width, height, data: rgba }, quality).data);
};

const DEFAULT_SPEC = {
  size: [32, 32],
  colorMode: 'grayscale',
  paper: 'local',
  polarity: 'ink-bright',
  contrast: { method: 'stretch', floor: 0.2 },
  crop: { method: 'ink-bbox', margin: 0.15, square: true, stretch: 3, ignoreEdgeLines: true, isolateMark: true },
  resize: 'area',
  rescale: 1 / 255,
};

const vectors = [];
{
  const w = 96, h = 96;
  const cov = paint(w, h, ring(40, 44, 22), 4);
  vectors.push({ name: 'canvas-o-transparent-rgba', spec: DEFAULT_SPEC, bytes: png(w, h, 4, compose(w, h, 4, cov, [0x69, 0x1d, 0x1d], [0, 0, 0], { alphaInk: true })) });
}
{
  const w = 120, h = 90;
  const cov = paint(w, h, union(segment(30, 20, 85, 70), segment(88, 15, 35, 75)), 5);
  vectors.push({ name: 'paper-x-blue-ink-jpeg', spec: DEFAULT_SPEC, bytes: jpg(w, h, compose(w, h, 3, cov, [30, 40, 160], [230, 225, 200], { noise: 6, seed: 7 }), 80) });
}
{
  const w = 64, h = 64;
  const cov = paint(w, h, ring(30, 34, 18), 3);
  vectors.push({ name: 'light-on-dark-o-gray', spec: DEFAULT_SPEC, bytes: png(w, h, 1, compose(w, h, 1, cov, [250], [10])) });
}
{
  const w = 80, h = 80;
  const grid = union(segment(0, 3, 80, 3), segment(76, 0, 76, 80));
  const cov = paint(w, h, union(segment(25, 25, 55, 58), segment(56, 22, 24, 57), grid), 3);
  vectors.push({ name: 'x-with-grid-lines', spec: DEFAULT_SPEC, bytes: png(w, h, 3, compose(w, h, 3, cov, [0, 0, 0], [255, 255, 255])) });
}
{
  // a phone photo: grey paper darkening towards one corner, a pencil O, noise, JPEG
  const w = 160, h = 120;
  const cov = paint(w, h, ring(70, 60, 30), 3);
  const rgb = compose(w, h, 3, cov, [70, 70, 80], [205, 200, 190], { noise: 5, seed: 11 });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) {
    const i = (y * w + x) * 3 + c;
    rgb[i] = Math.round(rgb[i] * (1 - 0.45 * ((x / w) * 0.7 + (y / h) * 0.3)));
  }
  vectors.push({ name: 'shadowed-photo-o-jpeg', spec: DEFAULT_SPEC, bytes: jpg(w, h, rgb, 75) });
}
{
  const w = 900, h = 700;
  const cov = paint(w, h, union(segment(300, 200, 600, 520), segment(610, 190, 290, 510)), 14);
  vectors.push({ name: 'big-x-shrunk-first', spec: DEFAULT_SPEC, bytes: png(w, h, 1, compose(w, h, 1, cov, [20], [240])) });
}
{
  const w = 50, h = 50;
  vectors.push({ name: 'blank-white', spec: DEFAULT_SPEC, bytes: png(w, h, 3, compose(w, h, 3, new Float32Array(w * h), [0, 0, 0], [255, 255, 255], { noise: 2, seed: 3 })) });
}
{
  const w = 12, h = 12;
  const cov = paint(w, h, union(segment(2, 2, 10, 10), segment(10, 2, 2, 10)), 1.5);
  vectors.push({ name: 'tiny-x-upscaled', spec: DEFAULT_SPEC, bytes: png(w, h, 1, compose(w, h, 1, cov, [0], [255])) });
}
{
  // a binarised board cell: a white O on black, white bands along the top, left and bottom (a U)
  const w = 90, h = 90;
  const band = (x0, y0, x1, y1) => (x, y) => (x >= x0 && x <= x1 && y >= y0 && y <= y1 ? 0 : 99);
  const cov = paint(w, h, union(ring(50, 46, 14), band(0, 0, 89, 13), band(0, 0, 10, 89), band(0, 76, 89, 89)), 3);
  vectors.push({ name: 'board-cell-o-with-bands', spec: DEFAULT_SPEC, bytes: png(w, h, 1, compose(w, h, 1, cov, [255], [0])) });
}
{
  // a flattened O cut tight to its ink (its sides touch all four edges), 96 x 32
  const w = 96, h = 32;
  const ellipse = (x, y) => Math.abs(Math.hypot((x - 48) / 46, (y - 16) / 14.5) - 1) * 14.5;
  const cov = paint(w, h, ellipse, 4);
  vectors.push({ name: 'tight-flat-o', spec: DEFAULT_SPEC, bytes: png(w, h, 3, compose(w, h, 3, cov, [15, 15, 20], [250, 248, 240])) });
}
{
  const w = 40, h = 30;
  const cov = paint(w, h, ring(20, 15, 10), 3);
  vectors.push({ name: 'seed-rgb-bilinear', spec: { size: [16, 16], colorMode: 'rgb', resize: 'bilinear', rescale: 1 / 255 }, bytes: png(w, h, 3, compose(w, h, 3, cov, [200, 30, 60], [240, 250, 255])) });
}
{
  const w = 20, h = 20;
  const cov = paint(w, h, segment(3, 3, 17, 17), 3);
  vectors.push({ name: 'vgg16-caffe-rgba', spec: { size: [8, 8], colorMode: 'rgb', resize: 'area', rescale: 1, normalize: { method: 'caffe' } }, bytes: png(w, h, 4, compose(w, h, 4, cov, [10, 120, 240], [255, 255, 0])) });
}

// --- JPEG decoder fixtures: committed files, read back here --------------------------------------
const JPEG_DIR = new URL('../src/test-vectors/jpeg/', import.meta.url);

/** The upright picture the JPEG fixtures show: a blue X with a tick at its top left, on cream paper. */
function uprightPicture() {
  const w = 75, h = 57; // odd sizes leave partial 16x16 MCUs for 4:2:0 to get right
  const cov = paint(w, h, union(segment(20, 12, 55, 46), segment(56, 11, 21, 47), segment(6, 6, 16, 6)), 3);
  return { width: w, height: h, rgb: compose(w, h, 3, cov, [25, 45, 170], [236, 228, 205], { noise: 5, seed: 21 }) };
}

/** name -> how sharp encodes it; exif-N files store the picture turned so that orientation N shows it upright. */
const JPEG_FIXTURES = {
  'baseline-444': { jpeg: { quality: 85, chromaSubsampling: '4:4:4' } },
  'baseline-420': { jpeg: { quality: 85, chromaSubsampling: '4:2:0' } },
  'progressive-444': { jpeg: { quality: 85, chromaSubsampling: '4:4:4', progressive: true } },
  'progressive-420': { jpeg: { quality: 85, chromaSubsampling: '4:2:0', progressive: true } },
  'progressive-mozjpeg': { jpeg: { quality: 80, mozjpeg: true } },
  'grayscale-baseline': { jpeg: { quality: 85 }, gray: true },
  'grayscale-progressive': { jpeg: { quality: 85, progressive: true }, gray: true },
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((o) => [`exif-orientation-${o}`, { jpeg: { quality: 85, chromaSubsampling: '4:2:0' }, orientation: o }])),
};

async function writeJpegFixtures() {
  const { default: sharp } = await import('sharp');
  mkdirSync(JPEG_DIR, { recursive: true });
  const up = uprightPicture();
  for (const [name, how] of Object.entries(JPEG_FIXTURES)) {
    const upright = { width: up.width, height: up.height, channels: 3, data: up.rgb };
    const stored = how.orientation ? applyOrientation(upright, inverseOrientation(how.orientation)) : upright;
    let img = sharp(stored.data, { raw: { width: stored.width, height: stored.height, channels: 3 } });
    if (how.gray) img = img.toColourspace('b-w');
    if (how.orientation) img = img.withMetadata({ orientation: how.orientation });
    const bytes = await img.jpeg(how.jpeg).toBuffer();
    const file = new URL(`${name}.jpg`, JPEG_DIR);
    writeFileSync(`${file.pathname}.tmp`, bytes);
    renameSync(`${file.pathname}.tmp`, file);
  }
  console.log(`wrote ${Object.keys(JPEG_FIXTURES).length} JPEG fixtures to ${JPEG_DIR.pathname}`);
}

if (process.argv.includes('--jpeg-fixtures')) await writeJpegFixtures();
const jpegFiles = readdirSync(JPEG_DIR).filter((f) => f.endsWith('.jpg')).sort();
if (jpegFiles.length !== Object.keys(JPEG_FIXTURES).length) throw new Error(`expected ${Object.keys(JPEG_FIXTURES).length} JPEG fixtures in ${JPEG_DIR.pathname}, found ${jpegFiles.length}; run with --jpeg-fixtures`);
for (const file of jpegFiles) vectors.push({ name: `jpeg-${file.replace(/\.jpg$/, '')}`, spec: DEFAULT_SPEC, bytes: new Uint8Array(readFileSync(new URL(file, JPEG_DIR))) });

const b64 = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');
const entries = [];
for (const v of vectors) {
  const out = preprocessToArray(decodeImage(v.bytes), v.spec);
  const bytes = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
  entries.push({
    name: v.name,
    spec: v.spec,
    image: b64(v.bytes),
    expected: { shape: out.shape, data: b64(bytes), sha256: await sha256Hex([bytes]), blank: out.ink.blank, region: out.ink.region },
  });
}
const header = '// Generated by scripts/make-test-vectors.mjs. Do not edit: regenerate, and review why the outputs moved.\n';
const target = new URL('../src/test-vectors/vectors.generated.ts', import.meta.url).pathname;
writeFileSync(`${target}.tmp`, `${header}import type { TestVector } from './types.js';\n\nexport const TEST_VECTORS: TestVector[] = ${JSON.stringify(entries, null, 1)};\n`);
renameSync(`${target}.tmp`, target);
console.log(`wrote ${entries.length} vectors`);
