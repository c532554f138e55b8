// Guards the WASM adapter: it leans on tfjs-backend-wasm 4.22.0 internals, so if an upgrade (or a
// workerd change) breaks it, this fails loudly instead of the Worker quietly serving on the 19×
// slower CPU backend.
import { decodeImage } from '@inkling/core/decode';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import defaultModel from '../model/default-model.js';
import { loadClassifier } from '../model/index.js';
import { bytesOf, call, callThroughRuntime } from '../test-support/worker.js';
import { cpuBackend, startFirstBackend, type BackendCandidate } from './index.js';

interface Answer {
  scores: Record<string, number>;
  backend: string;
}

afterEach(async () => {
  // Other tests in this isolate expect the Worker's backend.
  await tf.setBackend('wasm');
});

describe('the WASM backend inside workerd', () => {
  it('is the backend the Worker serves with', async () => {
    const health = (await (await callThroughRuntime('/health')).json()) as { backend: string; fallbackReasons?: string[] };
    expect(health.fallbackReasons, 'the WASM adapter failed; see src/backend/wasm-adapter.ts').toBeUndefined();
    expect(health.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.version_core, 'the adapter is written against tfjs 4.22.0 internals; re-check wasm-adapter.ts before changing tfjs').toBe('4.22.0');
  });

  it('gives the same scores as the CPU backend on real drawings', async () => {
    const images = inject('testImages').slice(0, 4);
    const served: Answer[] = [];
    for (const img of images) {
      const res = await call('/classify', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: bytesOf(img.png) });
      served.push((await res.json()) as Answer);
    }
    expect(served.every((a) => a.backend === 'wasm')).toBe(true);

    const onCpu = await loadClassifier(defaultModel, () => startFirstBackend([cpuBackend]));
    expect(tf.getBackend()).toBe('cpu');
    for (const [i, img] of images.entries()) {
      const input = onCpu.preprocess(decodeImage(bytesOf(img.png)));
      const decision = onCpu.decide(await onCpu.infer(input), input);
      for (const label of onCpu.card.labels) expect(served[i].scores[label]).toBeCloseTo(decision.scores[label], 4);
    }
  });
});

describe('startFirstBackend', () => {
  it('falls back to the next backend and says why', async () => {
    const broken: BackendCandidate = {
      name: 'wasm',
      start: () => Promise.reject(new Error('Wasm code generation disallowed by embedder')),
    };
    const started = await startFirstBackend([broken, cpuBackend]);
    expect(started.name).toBe('cpu');
    expect(started.fallbackReasons).toEqual(['wasm: Wasm code generation disallowed by embedder']);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('fails with every reason when no backend starts', async () => {
    const broken = (name: 'wasm' | 'cpu'): BackendCandidate => ({ name, start: () => Promise.reject(new Error(`${name} is broken`)) });
    await expect(startFirstBackend([broken('wasm'), broken('cpu')])).rejects.toThrow('no tfjs backend could start (wasm: wasm is broken; cpu: cpu is broken)');
  });
});
