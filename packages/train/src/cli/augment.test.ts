import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { augmentGridLayout } from '../report/augment-grid.js';
import { drawing, tempDir, removeTempDirs } from '../report/fixtures.test-helpers.js';
import { main } from './main.js';

afterAll(removeTempDirs);

describe('inkling augment', () => {
  let dir: string;
  let image: string;
  let spec: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = tempDir('inkling-augment-');
    image = join(dir, 'x.png');
    writeFileSync(image, await drawing('x', 1, 48));
    spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ size: [24, 24], colorMode: 'grayscale', polarity: 'ink-bright', contrast: { method: 'stretch' }, crop: { method: 'ink-bbox' } }));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    errors.length = 0;
  });
  const run = (...args: string[]) => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void errors.push(m.join(' ')));
    return main(['augment', '--image', image, '--spec', spec, ...args]);
  };

  it('writes a grid of the expected size with the real ImageDataGenerator', async () => {
    const out = join(dir, 'grid.png');
    expect(await run('--count', '4', '--tile-size', '64', '--out', out)).toBe(0);
    const meta = await sharp(out).metadata();
    const layout = augmentGridLayout(4, 64);
    expect([meta.format, meta.width, meta.height]).toEqual(['png', layout.width, layout.height]);
    expect([layout.cols, layout.rows]).toEqual([3, 2]);
  });

  it('is deterministic for a seed, and a config changes what it shows', async () => {
    const config = join(dir, 'augment.json');
    writeFileSync(config, JSON.stringify({ rotationRange: 30, zoomRange: 0.3 }));
    const grid = async (name: string, ...args: string[]) => {
      expect(await run('--count', '3', '--tile-size', '32', '--out', join(dir, name), ...args)).toBe(0);
      return readFileSync(join(dir, name));
    };
    const a = await grid('a.png', '--seed', '5');
    const b = await grid('b.png', '--seed', '5');
    const c = await grid('c.png', '--seed', '6');
    const d = await grid('d.png', '--seed', '5', '--config', config);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.equals(d)).toBe(false);
  });

  it('errors clearly on a missing image, a bad config and a wrong output name', async () => {
    vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void errors.push(m.join(' ')));
    expect(await main(['augment', '--image', join(dir, 'nope.png'), '--out', join(dir, 'g.png')])).toBe(1);
    expect(errors.join('\n')).toMatch(/--image .*nope\.png: no such file/);

    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{ rotationRange: 20');
    expect(await run('--config', notJson, '--out', join(dir, 'g.png'))).toBe(1);
    expect(errors.join('\n')).toMatch(/broken\.json is not valid JSON/);

    const badOption = join(dir, 'bad.json');
    writeFileSync(badOption, JSON.stringify({ rotationRange: -10, fillMode: 'mirror' }));
    expect(await run('--config', badOption, '--out', join(dir, 'g.png'))).toBe(1);
    expect(errors.join('\n')).toMatch(/bad\.json: invalid augmentation options: .*rotationRange.*fillMode/s);

    const notImage = join(dir, 'text.png');
    writeFileSync(notImage, 'hello');
    expect(await main(['augment', '--image', notImage, '--out', join(dir, 'g.png')])).toBe(1);
    expect(errors.join('\n')).toMatch(/text\.png is not an image/);

    expect(await run('--out', join(dir, 'grid.jpg'))).toBe(1);
    expect(errors.join('\n')).toMatch(/must end in \.png/);
  });
});
