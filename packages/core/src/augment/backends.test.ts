import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageDataGenerator } from './generator.js';
import { FILL_MODES, type AugmentOptionsInput } from './options.js';

const require = createRequire(import.meta.url);

beforeAll(() => {
  // In Node the wasm binaries are read from the package's dist folder (as packages/train's selectBackend does).
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
});

/** A 3-image RGB batch with a different, non-linear pattern in every channel, values in [0, 1]. */
function batch(): tf.Tensor4D {
  const [n, h, w, c] = [3, 9, 7, 3];
  const data = Float32Array.from({ length: n * h * w * c }, (_, i) => ((i * 37) % 101) / 100);
  return tf.tensor4d(data, [n, h, w, c]);
}

const EVERYTHING: AugmentOptionsInput = {
  rotationRange: 40,
  widthShiftRange: 0.3,
  heightShiftRange: '2.0',
  shearRange: 15,
  zoomRange: [0.6, 1.5],
  horizontalFlip: true,
  verticalFlip: true,
  channelShiftRange: 0.2,
  brightnessRange: [0.5, 1.5],
  cval: 0.25,
  rescale: 2,
};

async function flowOn(backend: 'cpu' | 'wasm', options: AugmentOptionsInput, seed: number): Promise<Float32Array> {
  expect(await tf.setBackend(backend)).toBe(true);
  await tf.ready();
  expect(tf.getBackend()).toBe(backend);
  const x = batch();
  const y = new ImageDataGenerator(options).flow(x, { seed, step: 1 });
  const data = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return data;
}

describe('the cpu and wasm backends give the same batch', () => {
  for (const fillMode of FILL_MODES) {
    for (const interpolationOrder of [1, 0] as const) {
      it(`with every option, fillMode '${fillMode}', interpolation order ${interpolationOrder}`, async () => {
        const options = { ...EVERYTHING, fillMode, interpolationOrder };
        for (const seed of [1, 2]) {
          const cpu = await flowOn('cpu', options, seed);
          const wasm = await flowOn('wasm', options, seed);
          expect(wasm.length).toBe(cpu.length);
          // Order 0 can round a sample exactly halfway between pixels differently in float32 on the two
          // backends; everything else agrees to float precision.
          const tolerance = interpolationOrder === 1 ? 1e-4 : 0;
          const differing = Array.from(cpu).filter((v, i) => Math.abs(v - wasm[i]) > tolerance).length;
          expect(differing).toBe(0);
          expect(new Set(cpu).size).toBeGreaterThan(50); // the batch really was transformed, not flattened
        }
      });
    }
  }
});
