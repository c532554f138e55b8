import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { folderOf, keptName, pathInZip, type KeptDrawing } from './kept.js';
import { zipKept } from './zip.js';

const drawing = (label: string, name: string, type: KeptDrawing['type'] = 'image/png'): KeptDrawing => ({
  name,
  label,
  type,
  bytes: new Uint8Array([1, 2, 3, name.length]),
  model: 'ox 1',
  keptAt: '2026-12-03T00:00:00.000Z',
});

describe('kept drawings', () => {
  it('names files by time, safely for every file system', () => {
    expect(keptName(new Date('2026-12-03T19:40:55.123Z'), 'ab12')).toBe('2026-12-03T19-40-55-123Z-ab12');
    expect(folderOf('o')).toBe('o');
    expect(folderOf('../x')).toBe('.._x');
    expect(folderOf('..')).toBe('_');
    expect(folderOf('a/b')).toBe('a_b');
    expect(pathInZip(drawing('x', 'n1', 'image/jpeg'))).toBe('x/n1.jpg');
  });

  it('zips them as <label>/<name>.png with the bytes unchanged', () => {
    const zip = zipKept([drawing('o', 'a'), drawing('x', 'b'), drawing('o', 'c'), drawing('x', 'd', 'image/jpeg')]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['o/a.png', 'o/c.png', 'x/b.png', 'x/d.jpg']);
    expect([...files['o/c.png']]).toEqual([1, 2, 3, 1]);
    // Same drawings, same bytes: the zip has a fixed timestamp.
    expect(zipKept([drawing('o', 'a')])).toEqual(zipKept([drawing('o', 'a')]));
  });
});
