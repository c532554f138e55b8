// Runs in Node before the workerd tests: draws the O and X test images and encodes them with the
// same libraries core decodes with (fast-png, jpeg-js), then hands them to the tests via inject().
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import type { TestProject } from 'vitest/node';
import { drawOX } from '@inkling/core/test-vectors';

export interface TestImage {
  name: string;
  /** The label a working O/X model must give. */
  expected: 'o' | 'x';
  png: string;
  jpeg: string;
  /** The drawing as a transparent canvas: straight-alpha RGBA, base64 (the JSON the page sends). */
  canvas: { width: number; height: number; rgba: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testImages: TestImage[];
    blankPng: string;
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function rgbaToRgb(data: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array((data.length / 4) * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) out.set(data.subarray(i, i + 3), j);
  return out;
}

export function setup(project: TestProject): void {
  const images: TestImage[] = [];
  for (const kind of ['o', 'x'] as const) {
    for (const [seed, size] of [[1, 200], [2, 280], [3, 150]] as const) {
      const opaque = drawOX(kind, { size, seed });
      const canvas = drawOX(kind, { size, seed, transparent: true });
      images.push({
        name: `${kind}-${size}px-seed${seed}`,
        expected: kind,
        png: b64(encodePng({ width: size, height: size, data: rgbaToRgb(opaque.data), channels: 3, depth: 8 })),
        jpeg: b64(jpeg.encode({ width: size, height: size, data: Buffer.from(opaque.data.buffer) }, 90).data),
        canvas: { width: size, height: size, rgba: b64(new Uint8Array(canvas.data.buffer)) },
      });
    }
  }
  const white = new Uint8Array(64 * 64 * 3).fill(255);
  project.provide('testImages', images);
  project.provide('blankPng', b64(encodePng({ width: 64, height: 64, data: white, channels: 3, depth: 8 })));
}
