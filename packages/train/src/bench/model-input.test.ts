import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FALLBACK_INPUT, defaultModelInput } from './model-input.js';

const dir = mkdtempSync(join(tmpdir(), 'inkling-bench-'));
const card = (name: string, body: string) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

describe('defaultModelInput', () => {
  it("reads the card's input.shape", () => {
    expect(defaultModelInput(card('ok.json', JSON.stringify({ input: { shape: [32, 32, 1] } })))).toMatchObject({ shape: [32, 32, 1] });
  });

  it('falls back to 48x48x1 and says why when the card is missing, unreadable or has no shape', () => {
    expect(defaultModelInput(join(dir, 'missing.json'))).toEqual({ shape: FALLBACK_INPUT, from: `${join(dir, 'missing.json')} not found` });
    expect(defaultModelInput(card('bad.json', '{')).from).toMatch(/unreadable/);
    expect(defaultModelInput(card('noshape.json', JSON.stringify({ input: { shape: [32, 0, 1] } }))).from).toMatch(/has no input.shape/);
    expect(FALLBACK_INPUT).toEqual([48, 48, 1]);
  });
});
