import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleCard } from '@inkling/core/test-vectors';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, modelDir, readModelFiles } from './model-assets.js';

const CARD = exampleCard({ shape: [32, 32, 1] }, { name: 'ox', preprocess: { size: [32, 32], colorMode: 'grayscale' } });

const dirs: string[] = [];
function modelFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkling-web-model-'));
  dirs.push(dir);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const modelJson = (paths: string[]) => JSON.stringify({ format: 'graph-model', modelTopology: {}, weightsManifest: [{ paths, weights: [] }] });

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readModelFiles', () => {
  it('lists model.json, card.json and every weights file the manifest names', () => {
    const dir = modelFolder({ 'model.json': modelJson(['weights.bin']), 'weights.bin': 'w', 'card.json': JSON.stringify(CARD) });
    expect([...readModelFiles(dir).entries()]).toEqual([
      ['model.json', join(dir, 'model.json')],
      ['card.json', join(dir, 'card.json')],
      ['weights.bin', join(dir, 'weights.bin')],
    ]);
  });

  it('stops the build with a message that says what to do when there is no model', () => {
    const dir = join(tmpdir(), 'inkling-web-no-model-here');
    expect(() => readModelFiles(dir)).toThrow(/no model found: .*inkling-web-no-model-here\/model.json does not exist.*npx turbo run train.*make-fixture-model/);
  });

  it('names a missing weights file, a broken card and an unsafe path', () => {
    expect(() => readModelFiles(modelFolder({ 'model.json': modelJson(['weights.bin']), 'card.json': JSON.stringify(CARD) }))).toThrow(/weights.bin does not exist/);
    expect(() => readModelFiles(modelFolder({ 'model.json': modelJson(['w.bin']), 'w.bin': '', 'card.json': JSON.stringify({ ...CARD, labels: ['o'] }) }))).toThrow(/not a valid model card: .*labels/);
    expect(() => readModelFiles(modelFolder({ 'model.json': modelJson(['../secret']), 'card.json': JSON.stringify(CARD) }))).toThrow(/unsafe weights path "..\/secret"/);
    expect(() => readModelFiles(modelFolder({ 'model.json': '{"modelTopology":{}}', 'card.json': JSON.stringify(CARD) }))).toThrow(/no weightsManifest/);
  });
});

describe('modelDir', () => {
  it("is the repo's models/ox unless INKLING_MODEL_DIR says otherwise (relative to apps/web)", () => {
    expect(modelDir({})).toBe(DEFAULT_MODEL_DIR);
    expect(DEFAULT_MODEL_DIR).toMatch(/models\/ox$/);
    expect(modelDir({ INKLING_MODEL_DIR: '/abs/m' })).toBe('/abs/m');
    expect(modelDir({ INKLING_MODEL_DIR: '.fixture/models/ox' })).toMatch(/apps\/web\/\.fixture\/models\/ox$/);
  });
});
