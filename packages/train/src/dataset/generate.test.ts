import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preprocessToArray } from '@inkling/core';
import { DatasetError, generateDataset, generateNegatives, GENERATOR_VERSION, NEGATIVE_SHAPES, STYLES, type ManifestEntry } from './index.js';

const quiet = () => undefined;
const INK_SPEC = { size: [48, 48] as [number, number], colorMode: 'grayscale' as const, polarity: 'ink-bright' as const, contrast: { method: 'stretch' as const }, crop: { method: 'ink-bbox' as const } };
const root = mkdtempSync(join(tmpdir(), 'inkling-dataset-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

function hashes(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

interface Manifest {
  generator: string;
  version: string;
  seed: number;
  count: number;
  files: ManifestEntry[];
}
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

// 48 images: 16 per class (o, x, neither), the first 14 of a class take each style once, 4 per class go to test.
const COUNT = 48;
const a = join(root, 'a');
const b = join(root, 'b');
beforeAll(async () => {
  await generateDataset({ out: a, count: COUNT, seed: 7, testFraction: 0.25, onProgress: quiet, examplesPerStyle: 1, workers: 2 });
  await generateDataset({ out: b, count: COUNT, seed: 7, testFraction: 0.25, onProgress: quiet, examplesPerStyle: 1, workers: 1 });
}, 120_000);

describe('generateDataset', () => {
  it('writes byte-identical files (images, manifest, examples) for the same seed and count, on 2 worker threads or on the main thread', () => {
    const ha = hashes(a);
    expect(ha.size).toBeGreaterThan(COUNT);
    expect(hashes(b)).toEqual(ha);
  });

  it('writes different images for a different seed', async () => {
    const c = join(root, 'c');
    await generateDataset({ out: c, count: COUNT, seed: 8, testFraction: 0.25, onProgress: quiet, examplesPerStyle: 0 });
    const ha = hashes(a);
    const hc = hashes(c);
    const images = [...hc.keys()].filter((f) => f.endsWith('.png'));
    expect(images).toHaveLength(COUNT);
    const same = images.filter((f) => ha.get(f) === hc.get(f));
    expect(same).toEqual([]);
  });

  it('balances the classes in train/ and test/ with PNGs only', () => {
    const files = listFiles(a).filter((f) => f.startsWith('train/') || f.startsWith('test/'));
    const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length;
    for (const label of ['o', 'x', 'neither']) {
      expect(count(`train/${label}/`)).toBe(12);
      expect(count(`test/${label}/`)).toBe(4);
    }
    expect(files.every((f) => /^(train|test)\/(o|x|neither)\/(o|x|neither)-\d{5}\.png$/.test(f))).toBe(true);
  });

  it('records every image in the manifest with its real label, split, style and size', async () => {
    const m = readManifest(a);
    expect(m).toMatchObject({ generator: 'inkling-ox-dataset', version: GENERATOR_VERSION, seed: 7, count: COUNT });
    const onDisk = listFiles(a).filter((f) => /^(train|test)\//.test(f));
    expect(m.files.map((e) => e.file).sort()).toEqual(onDisk);
    for (const e of m.files) {
      const [split, label] = e.file.split('/');
      expect(e.split).toBe(split);
      expect(e.label).toBe(label);
      expect(STYLES).toContain(e.style);
      const meta = await sharp(join(a, e.file)).metadata();
      expect(meta.format).toBe('png');
      expect([meta.width, meta.height]).toEqual([e.width, e.height]);
    }
  });

  it('covers every style in each class', () => {
    const m = readManifest(a);
    for (const label of ['o', 'x', 'neither']) {
      const styles = new Set(m.files.filter((e) => e.label === label).map((e) => e.style));
      expect([...styles].sort()).toEqual([...STYLES].sort());
    }
  });

  it('draws the O/X variants and typefaces the manifest names', () => {
    const m = readManifest(a);
    expect(m.files.filter((e) => e.style === 'font' && e.label !== 'neither').every((e) => e.source === 'glyph' && typeof e.font === 'string')).toBe(true);
    expect(m.files.some((e) => e.source === 'strokes')).toBe(true);
    // Transparent canvases really are transparent: alpha only on the ink.
    const transparent = m.files.filter((e) => e.style === 'canvas-transparent');
    expect(transparent.length).toBeGreaterThan(0);
    return Promise.all(
      transparent.map(async (e) => {
        const { data, info } = await sharp(join(a, e.file)).raw().toBuffer({ resolveWithObject: true });
        expect(info.channels).toBe(4);
        let clear = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] === 0) clear++;
        expect(clear / (info.width * info.height)).toBeGreaterThan(0.3);
      }),
    );
  });

  it('copies examples per style and writes a contact sheet', async () => {
    const ex = join(a, 'examples');
    expect(readdirSync(ex).filter((d) => statSync(join(ex, d)).isDirectory()).sort()).toEqual([...STYLES].sort());
    for (const style of STYLES) expect(readdirSync(join(ex, style)).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
    expect((await sharp(join(ex, 'contact-sheet.png')).metadata()).format).toBe('png');
  });

  it('refuses a count that is not a multiple of the classes, a bad fraction and a folder it did not make', async () => {
    await expect(generateDataset({ out: join(root, 'odd'), count: 5, onProgress: quiet })).rejects.toThrow(/multiple of 3/);
    await expect(generateDataset({ out: join(root, 'frac'), count: 6, testFraction: 1, onProgress: quiet })).rejects.toThrow(/test-fraction/);
    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    await expect(generateDataset({ out: mine, count: 6, onProgress: quiet })).rejects.toThrow(DatasetError);
    await expect(generateDataset({ out: mine, count: 6, force: true, onProgress: quiet })).rejects.toThrow(/not made by/);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('replaces its own data set with --force', async () => {
    const d = join(root, 'again');
    await generateDataset({ out: d, count: 6, seed: 1, onProgress: quiet, examplesPerStyle: 0 });
    await generateDataset({ out: d, count: 3, seed: 1, force: true, onProgress: quiet, examplesPerStyle: 0 });
    expect(readManifest(d).files).toHaveLength(3);
    expect(listFiles(d).filter((f) => f.endsWith('.png'))).toHaveLength(3);
    expect(readdirSync(root).some((f) => f.includes('.partial-'))).toBe(false);
  });
});

describe('generateNegatives', () => {
  it('writes each shape to its own folder, blank pages without ink', async () => {
    const d = join(root, 'neg');
    await generateNegatives({ out: d, count: NEGATIVE_SHAPES.length * 4, seed: 3, onProgress: quiet, examplesPerStyle: 0 });
    const files = listFiles(d).filter((f) => f.endsWith('.png'));
    for (const shape of NEGATIVE_SHAPES) expect(files.filter((f) => f.startsWith(`${shape}/`))).toHaveLength(4);
    const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { files: (ManifestEntry & { shape: string })[] };
    expect(m.files.map((e) => e.file).sort()).toEqual(files);
    expect(m.files.filter((e) => e.shape === 'letter').every((e) => e.source === 'glyph')).toBe(true);
    const blanks = m.files.filter((x) => x.shape === 'blank');
    expect(blanks.every((e) => e.variant === 'blank')).toBe(true);
    // A photographed blank page keeps its uneven light, which core may read as faint ink; the
    // others must hold nothing at all.
    const flat = blanks.filter((e) => !e.style.endsWith('photo'));
    expect(flat.length).toBeGreaterThanOrEqual(2);
    for (const e of flat) {
      const { data, info } = await sharp(join(d, e.file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const seen = preprocessToArray({ width: info.width, height: info.height, channels: 4, data: new Uint8Array(data) }, INK_SPEC);
      expect(seen.ink.blank).toBe(true);
    }
  });
});
