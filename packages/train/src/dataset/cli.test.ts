import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';

const root = mkdtempSync(join(tmpdir(), 'inkling-dataset-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let errors: string[] = [];
let logs: string[] = [];
beforeEach(() => {
  errors = [];
  logs = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    errors.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('inkling dataset', () => {
  it('writes the set and says where', async () => {
    const out = join(root, 'ok');
    expect(await main(['dataset', '--out', out, '--count', '6', '--seed', '3', '--examples', '0'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'test', 'train']);
    expect(logs.join('\n')).toMatch(/wrote 6 images .* to .*ok/);
    expect(errors.join('')).toMatch(/dataset: 6\/6 images/);
  });

  it('rejects a count that is not a positive whole number', async () => {
    for (const bad of ['abc', '0', '-4', '2.5']) {
      errors = [];
      expect(await main(['dataset', '--out', join(root, 'bad'), '--count', bad])).not.toBe(0);
      expect(errors.join('\n')).toMatch(/--count/);
    }
    expect(await main(['dataset', '--out', join(root, 'odd'), '--count', '4'])).toBe(1);
    expect(errors.join('\n')).toMatch(/--count must be a multiple of 3/);
  });

  it('rejects a bad test fraction and seed', async () => {
    expect(await main(['dataset', '--out', join(root, 'f'), '--test-fraction', '1.5'])).not.toBe(0);
    expect(errors.join('\n')).toMatch(/--test-fraction/);
    expect(await main(['dataset', '--out', join(root, 's'), '--seed', 'x'])).not.toBe(0);
    expect(errors.join('\n')).toMatch(/--seed/);
  });

  it('fails clearly when --out cannot be written', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(await main(['dataset', '--out', join(file, 'set'), '--count', '3'])).toBe(1);
    expect(errors.join('\n')).toMatch(/inkling: cannot write the data set to .*a-file\/set: a parent is a file/);
    expect(await main(['dataset', '--out', file, '--count', '3'])).toBe(1);
    expect(errors.join('\n')).toMatch(/is a file, not a folder/);
  });

  it('writes negatives to one folder per shape', async () => {
    const out = join(root, 'neg');
    expect(await main(['dataset', '--negatives', '--out', out, '--count', '7', '--examples', '0'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['blank', 'digit', 'letter', 'manifest.json', 'scribble', 'square', 'star', 'triangle']);
  });
});
