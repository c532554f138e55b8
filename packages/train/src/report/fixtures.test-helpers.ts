import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseModelCard, type ModelCard } from '@inkling/core';
import { parseDocument, DomUtils } from 'htmlparser2';
import sharp from 'sharp';
import { summarise } from '../evaluate/evaluate.js';
import type { EvaluationResult, Prediction } from '../evaluate/types.js';
import { oxPng } from '../test-helpers/drawings.js';
import { exampleCard } from '@inkling/core/test-vectors';

const made: string[] = [];

/** A new folder under the system's temp folder; removeTempDirs() deletes every one made. */
export function tempDir(prefix = 'inkling-report-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A distinct paper colour per image, so a picture in a sheet can be traced back to its file. */
export function paperOf(n: number): [number, number, number] {
  return [150 + ((n * 37) % 100), 150 + ((n * 59) % 100), 150 + ((n * 83) % 100)];
}

/** Core's test O or X on paper of `paperOf(n)`, as PNG. */
export function drawing(label: 'o' | 'x', n: number, size = 40): Promise<Buffer> {
  return oxPng(label, { size, seed: n, ink: [17, 17, 17], paper: paperOf(n) });
}

/** What the model "said" about one image of the fixture. */
export interface FakeOutcome {
  label: 'o' | 'x';
  /** Probability of x (the sigmoid output). */
  px: number;
}

/**
 * Writes `dir/<label>/<label><n>.png` for each outcome and returns the EvaluationResult a sigmoid
 * model with those outputs would give, built with evaluate's own summarise().
 */
export async function fakeEvaluation(dir: string, outcomes: FakeOutcome[], size = 40): Promise<EvaluationResult> {
  const predictions: Prediction[] = [];
  let n = 0;
  for (const o of outcomes) {
    const path = posix.join(o.label, `${o.label}${n}.png`);
    mkdirSync(join(dir, o.label), { recursive: true });
    await sharp(await drawing(o.label, n, size)).toFile(join(dir, path));
    const predicted = o.px >= 0.5 ? 'x' : 'o';
    predictions.push({ path, label: o.label, predicted, probability: predicted === 'x' ? o.px : 1 - o.px, scores: { o: 1 - o.px, x: o.px }, uncertain: Math.max(o.px, 1 - o.px) < 0.75 });
    n++;
  }
  return { ...summarise(['o', 'x'], predictions), predictions, skipped: [] };
}

export function testCard(size = 16): ModelCard {
  return parseModelCard(exampleCard({ shape: [size, size, 1] }, { name: 'ox-test', version: '0.0.1', format: 'tfjs-layers-model' }));
}

export interface LinkProblem {
  page: string;
  link: string;
  problem: string;
}

/**
 * Parses every HTML page under `root` and checks each src and href: relative, pointing at a file
 * that exists, and (for #fragments) at an id that the target page has.
 */
export function brokenLinks(root: string, pages: string[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const idsOf = new Map<string, Set<string>>();
  const ids = (file: string) => {
    let set = idsOf.get(file);
    if (!set) {
      const doc = parseDocument(readFileSync(file, 'utf8'));
      set = new Set(DomUtils.findAll((e) => e.attribs.id !== undefined, doc.children).map((e) => e.attribs.id));
      idsOf.set(file, set);
    }
    return set;
  };
  for (const page of pages) {
    const file = join(root, page);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    for (const el of DomUtils.findAll((e) => e.attribs.src !== undefined || e.attribs.href !== undefined, doc.children)) {
      for (const link of [el.attribs.src, el.attribs.href].filter((v): v is string => v !== undefined)) {
        const report = (problem: string) => problems.push({ page, link, problem });
        if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('/') || link.startsWith('//')) {
          report('not a relative link');
          continue;
        }
        const [pathPart, fragment] = link.split('#');
        const target = pathPart ? resolve(dirname(file), decodeURIComponent(pathPart)) : file;
        if (relative(root, target).startsWith('..')) report('points outside the report folder');
        else if (!existsSync(target)) report('missing file');
        else if (fragment !== undefined && !ids(target).has(decodeURIComponent(fragment))) report(`no id "${fragment}"`);
      }
    }
  }
  return problems;
}

/** The RGB of one pixel of a PNG. */
export async function pixel(png: Buffer | string, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i], data[i + 1], data[i + 2]];
}
