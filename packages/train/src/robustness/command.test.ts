import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { writeDrawingSet } from '../test-helpers/drawings.js';
import { generateShapes } from './command.js';
import type { RobustnessReport } from './suite.js';
import { TRANSFORMS } from './transforms/index.js';

const MODEL = new URL('../../../../models/ox', import.meta.url).pathname;

let root: string;
let data: string;
let shapes: string;

/** Runs `inkling …` in this process; resolves with its exit code and what it printed. */
async function inkling(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'inkling-robustness-cli-'));
  data = join(await writeDrawingSet(root, { drawings: 1 }, 5), 'drawings');
  shapes = join(root, 'shapes');
  await generateShapes(shapes, 6);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('inkling robustness', () => {
  const flags = () => ['robustness', '--model', MODEL, '--data', data, '--negatives', shapes, '--backend', 'wasm'];

  it('prints right and right-and-sure per transformation, then blanks and shapes, and writes the table with --out', async () => {
    const out = join(root, 'table.md');
    const { code, stdout, stderr } = await inkling(...flags(), '--out', out);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\| drawings \| n \| right \| right and sure \| uncertain \|$/m);
    for (const name of ['as drawn', ...TRANSFORMS.map((t) => t.name)]) expect(stdout).toMatch(new RegExp(`^\\| ${name.replace('+', '\\+')} \\| 2 \\| \\d+\\.\\d% \\| \\d+\\.\\d% \\| [0-2] \\|$`, 'm'));
    expect(stdout).toMatch(/^\| blank pages \| 4 \| \d+\.\d% \|$/m);
    expect(stdout).toMatch(/^\| all shapes \| 6 \| \d+\.\d% \|$/m);
    expect(readFileSync(out, 'utf8')).toBe(`${stdout}\n`);
  }, 120_000);

  it('prints the report as JSON with --json', async () => {
    const { code, stdout, stderr } = await inkling(...flags(), '--json');
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as RobustnessReport;
    expect(report.labels).toEqual(['neither', 'o', 'x']);
    expect(report.transformations.map((t) => t.name)).toEqual(['as drawn', ...TRANSFORMS.map((t) => t.name)]);
    for (const t of report.transformations) expect(t.rightAndSure).toBeLessThanOrEqual(t.right);
    expect(report.blanks?.images).toBe(4);
    expect(report.shapes?.perShape).toHaveLength(6);
  }, 120_000);

  it('names the problem and exits 1 on a data folder it cannot use', async () => {
    const missing = await inkling('robustness', '--model', MODEL, '--data', join(root, 'nowhere'), '--negatives', shapes, '--backend', 'wasm');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^inkling: .*nowhere/);
    const wrong = await inkling('robustness', '--model', MODEL, '--data', shapes, '--negatives', shapes, '--backend', 'wasm');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`inkling: ${join(shapes, 'digit')}: "digit" is not one of the model's labels (neither, o, x)`);
  }, 60_000);
});
