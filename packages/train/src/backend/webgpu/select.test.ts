import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../select.js';
import { askDawn } from './probe.js';
import { describeOnSwiftshader } from './swiftshader.test-helpers.js';

describeOnSwiftshader('choosing webgpu', () => {
  it('the probe sees SwiftShader, and sees it is a software adapter', async () => {
    const probe = await askDawn();
    expect(probe.adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', software: true });
  });

  it("'auto' passes SwiftShader by and takes wasm, quietly", async () => {
    const warnings: string[] = [];
    // askDawn, not probeGpu: on a machine without a GPU device node probeGpu would not ask Dawn at all.
    const info = await selectBackend('auto', { threads: 1, warn: (m) => warnings.push(m), probeGpu: () => askDawn() });
    expect(info.name).toBe('wasm');
    expect(warnings).toEqual([]);
  });

  it("'auto' takes webgpu before wasm when the probe reports a hardware adapter", async () => {
    const gpu = { vendor: 'nvidia', architecture: 'ampere', device: '', description: 'RTX', software: false };
    const info = await selectBackend('auto', { threads: 1, warn: () => {}, probeGpu: async () => ({ adapter: gpu }) });
    expect(info.name).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
  });

  it("an explicit 'webgpu' runs on SwiftShader, names it, and warns that it is a CPU", async () => {
    await tf.setBackend('cpu');
    const warnings: string[] = [];
    const info = await selectBackend('webgpu', { warn: (m) => warnings.push(m) });
    expect(info).toMatchObject({ name: 'webgpu', adapter: { vendor: 'google', architecture: 'swiftshader', software: true } });
    expect(info.detail).toMatch(/^webgpu \(google swiftshader SwiftShader driver [\d.]+\)$/);
    expect(tf.getBackend()).toBe('webgpu');
    expect(warnings).toEqual([expect.stringMatching(/a software \(CPU\) adapter: slower than --backend wasm/)]);
  });
});
