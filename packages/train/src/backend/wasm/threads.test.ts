import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../select.js';
import { seededValues, relativeError } from './kernel-compare.js';

/** A small conv net's forward output and filter gradient on the current backend. */
function convForwardAndGradient(): Float32Array[] {
  const x = tf.tensor4d(seededValues(4 * 20 * 20 * 3, 1), [4, 20, 20, 3]);
  const f1 = tf.tensor4d(seededValues(3 * 3 * 3 * 16, 2), [3, 3, 3, 16]);
  const f2 = tf.tensor4d(seededValues(3 * 3 * 16 * 8, 3), [3, 3, 16, 8]);
  const net = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(tf.maxPool(tf.relu(tf.conv2d(x, a, 1, 'same')), 2, 2, 'valid'), b, 1, 'valid');
  const y = net(f1, f2);
  const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(net(a as tf.Tensor4D, b as tf.Tensor4D))))([f1, f2]);
  return [y, g1!, g2!].map((t) => t.dataSync() as Float32Array);
}

describe('wasm with 2 threads (the Node shim)', () => {
  it('starts, runs XNNPACK on 2 threads, gives the results of the cpu backend and leaves Node free to exit', async () => {
    await tf.setBackend('cpu');
    const expected = convForwardAndGradient();
    const portsBefore = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const warnings: string[] = [];
    const info = await selectBackend('wasm', { threads: 2, warn: (m) => warnings.push(m) });
    expect(info).toMatchObject({ name: 'wasm', threads: 2 });
    expect(info.detail).toBe('wasm (SIMD, 2 threads, Inkling training kernels)');
    expect(warnings).toEqual([]);
    const actual = convForwardAndGradient();
    actual.forEach((values, i) => expect(relativeError(values, expected[i]!)).toBeLessThanOrEqual(1e-5));
    // Running pthread workers hold a MessagePort that would keep the process alive: they are unref'd.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length).toBe(portsBefore);
    // The shim is scoped to the start-up: Node's own Blob and os.cpus are back.
    expect(globalThis.Blob.name).toBe('Blob');
  });

  it('keeps the thread count fixed for the process and says so when asked for another', async () => {
    const warnings: string[] = [];
    const info = await selectBackend('wasm', { threads: 1, warn: (m) => warnings.push(m) });
    expect(info.threads).toBe(2);
    expect(warnings).toEqual(['the wasm backend already started with 2 thread(s) in this process; ignoring threads=1']);
  });
});
