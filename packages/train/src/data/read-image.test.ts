import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawImage } from '@inkling/core';
import { applyOrientation, decodeImage, readOrientation, type Orientation } from '@inkling/core/decode';
import { base64ToBytes, TEST_VECTORS } from '@inkling/core/test-vectors';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage, readImageSize } from './read-image.js';

const dir = mkdtempSync(join(tmpdir(), 'inkling-read-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Core's JPEG decoder fixtures (encoded by libjpeg-turbo), by name without the `jpeg-` prefix. */
const JPEGS = new Map(TEST_VECTORS.filter((v) => v.name.startsWith('jpeg-')).map((v) => [v.name.slice(5), base64ToBytes(v.image)]));

/** Mean absolute difference per RGB sample between two images of the same size. */
function meanDiff(a: RawImage, b: RawImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  const n = a.width * a.height;
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) sum += Math.abs(a.data[i * a.channels + Math.min(k, a.channels - 1)] - b.data[i * b.channels + Math.min(k, b.channels - 1)]);
  return sum / (n * 3);
}

/** libjpeg-turbo's reading of the same bytes, turned upright by sharp: an independent oracle. */
async function bySharp(bytes: Uint8Array): Promise<RawImage> {
  const { data, info } = await sharp(bytes).autoOrient().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

describe('readImage: PNG and JPEG through core’s one decoder', () => {
  it('gives exactly the pixels core decodes (what the edge and the page see), from a file or bytes', async () => {
    const path = join(dir, 'photo.jpg');
    const bytes = JPEGS.get('progressive-420')!;
    writeFileSync(path, bytes);
    const core = decodeImage(bytes);
    expect(await readImage(path)).toEqual(core);
    expect(await readImage(bytes)).toEqual(core);
  });

  it('agrees with libjpeg-turbo (sharp) on every kind of JPEG, up to its IDCT and chroma upsampling', async () => {
    expect(JPEGS.size).toBeGreaterThanOrEqual(15);
    for (const [name, bytes] of JPEGS) expect(meanDiff(await readImage(bytes), await bySharp(bytes)), name).toBeLessThan(4);
  });

  it('turns EXIF orientations 1-8 upright exactly as sharp’s autoOrient does', async () => {
    for (let o = 1; o <= 8; o++) {
      const bytes = JPEGS.get(`exif-orientation-${o}`)!;
      expect(readOrientation(bytes, 'jpeg')).toBe(o);
      // On libjpeg-turbo's own pixels, core's turn must equal sharp's turn byte for byte.
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      const stored: RawImage = { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
      expect(applyOrientation(stored, o as Orientation), `orientation ${o}`).toEqual(await bySharp(bytes));
    }
  });

  it('reads WebP with sharp, turned upright by its EXIF orientation', async () => {
    const webp = await sharp({ create: { width: 6, height: 4, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .webp({ lossless: true })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await readImage(new Uint8Array(webp));
    expect(image).toMatchObject({ width: 4, height: 6, channels: 4 });
    expect(Array.from(image.data.subarray(0, 4))).toEqual([200, 10, 10, 255]);
  });

  it('names the problem with empty, truncated, and too large files', async () => {
    await expect(readImage(new Uint8Array(0))).rejects.toThrow(/empty/);
    const jpg = JPEGS.get('baseline-420')!;
    await expect(readImage(jpg.subarray(0, jpg.length >> 1))).rejects.toThrow(/corrupt or truncated/);
    // A 1×1 PNG whose header claims 5000×4000: refused from the header, before any pixel is decoded.
    const huge = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
    huge.writeUInt32BE(5000, 16);
    huge.writeUInt32BE(4000, 20);
    const path = join(dir, 'huge.png');
    writeFileSync(path, huge);
    await expect(readImageSize(path)).rejects.toThrow(/5000x4000; the limit is/);
    await expect(readImage(path)).rejects.toThrow(/5000x4000; the limit is/);
  });
});
