// Augmentation speed: `npx tsc -p tsconfig.build.json && node src/augment/bench.mjs [cpu|wasm ...]` in packages/core.
// Prints milliseconds per batch of the seed lesson's shape (32×150×150×3) and of a small grayscale one.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ImageDataGenerator } from '../../dist/augment/index.js';

const require = createRequire(import.meta.url);
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);

const SEED_LESSON = { rotationRange: 40, widthShiftRange: 0.2, heightShiftRange: 0.2, shearRange: 0.2, zoomRange: 0.2, horizontalFlip: true };
const shapes = [[32, 150, 150, 3], [32, 64, 64, 1]];
const backends = process.argv.slice(2).length ? process.argv.slice(2) : ['cpu', 'wasm'];

for (const backend of backends) {
  await tf.setBackend(backend);
  await tf.ready();
  for (const shape of shapes) {
    const x = tf.randomUniform(shape, 0, 1, 'float32', 1);
    for (const fillMode of ['nearest', 'constant', 'reflect', 'wrap']) {
      const gen = new ImageDataGenerator({ ...SEED_LESSON, fillMode, brightnessRange: [0.8, 1.2] });
      gen.flow(x, { seed: 0, step: 0 }).dispose(); // warm-up (kernels, the cpu probe)
      const runs = 3;
      const start = performance.now();
      for (let step = 1; step <= runs; step++) {
        const y = gen.flow(x, { seed: 0, step });
        await y.data();
        y.dispose();
      }
      const ms = (performance.now() - start) / runs;
      console.log(`${backend.padEnd(5)} [${shape.join('×')}] ${fillMode.padEnd(8)} ${ms.toFixed(1).padStart(7)} ms/batch`);
    }
    x.dispose();
  }
}
