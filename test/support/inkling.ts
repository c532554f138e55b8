// What the end-to-end tests share: the `inkling` command, the edge Worker's answers, and the image
// as the page sends it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { decodeImage } from '@inkling/core/decode';

const run = promisify(execFile);
export const repo = resolve(import.meta.dirname, '../..');
const inklingBin = join(repo, 'packages/train/bin/inkling.js');

export interface Answer {
  label: string;
  probability: number;
  scores: Record<string, number>;
  uncertain: boolean;
  reason?: string;
}

/** Runs `inkling ARGS` in `cwd`; its stdout, or an error with its output. */
export async function inkling(cwd: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [inklingBin, ...args], { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`inkling ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** `inkling predict --json` for the files: each file's answer, by absolute path. */
export async function predict(cwd: string, modelDir: string, files: string[]): Promise<Map<string, Answer>> {
  const out = await inkling(cwd, 'predict', '--model', modelDir, '--json', '--backend', 'wasm', ...files);
  return new Map(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const { file, ...answer } = JSON.parse(line) as Answer & { file: string };
        return [resolve(cwd, file), answer as Answer];
      }),
  );
}

/** POST /classify; the answer, after checking it is a 200. */
export async function classify(url: string, body: RequestInit['body'], contentType: string): Promise<{ status: number; answer: Answer; text: string }> {
  const res = await fetch(`${url}/classify`, { method: 'POST', body, headers: { 'Content-Type': contentType } });
  const text = await res.text();
  return { status: res.status, answer: (res.status === 200 ? JSON.parse(text) : null) as Answer, text };
}

/** The image as the page sends it: straight-alpha RGBA of a canvas, base64. */
export function canvasJson(file: string): string {
  const image = decodeImage(new Uint8Array(readFileSync(file)));
  const n = image.width * image.height;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const px = image.data.subarray(i * image.channels, (i + 1) * image.channels);
    const [r, g, b] = image.channels >= 3 ? [px[0], px[1], px[2]] : [px[0], px[0], px[0]];
    rgba.set([r, g, b, image.channels === 4 ? px[3] : 255], i * 4);
  }
  return JSON.stringify({ width: image.width, height: image.height, rgba: Buffer.from(rgba).toString('base64') });
}

/** The served answer is `inkling predict`'s: same label and decision, probabilities within 1e-6 (one decoder, one preprocessing). Returns the largest difference. */
export function sameAnswer(served: Answer, predicted: Answer, what: string, expect: typeof import('vitest').expect): number {
  expect({ what, label: served.label, uncertain: served.uncertain, reason: served.reason }).toEqual({ what, label: predicted.label, uncertain: predicted.uncertain, reason: predicted.reason });
  expect(Object.keys(served.scores).sort(), what).toEqual(Object.keys(predicted.scores).sort());
  let diff = Math.abs(served.probability - predicted.probability);
  for (const [label, p] of Object.entries(predicted.scores)) diff = Math.max(diff, Math.abs(served.scores[label] - p));
  expect(diff, what).toBeLessThanOrEqual(1e-6);
  return diff;
}
