import { exampleCard } from '@inkling/core/test-vectors';
import { describe, expect, it } from 'vitest';
import { offlinePlan } from './offline.js';

const build = (bytes: number, extra: Record<string, string> = {}) =>
  new Map<string, string>([
    ['index.html', '<!doctype html>'],
    ['assets/index-abc.js', 'main'],
    ['assets/tfjs-backend-wasm-x.wasm', 'wasm'],
    ['models/ox/card.json', JSON.stringify(exampleCard({}, { name: 'ox', version: '3', files: { weights: ['weights.bin'], bytes } }))],
    ['models/ox/model.json', '{}'],
    ['models/ox/weights.bin', 'w'],
    ['_headers', '/*'],
    ['sw.js', 'sw'],
    ...Object.entries(extra),
  ]);

describe('offlinePlan', () => {
  it('keeps the page (index.html as /) and the model in a cache named by the card', () => {
    const plan = offlinePlan(build(1000));
    expect(plan.page.paths).toEqual(['/assets/index-abc.js', '/assets/tfjs-backend-wasm-x.wasm', '/', '/models/ox/card.json']);
    expect(plan.model).toEqual({ cache: `inkling-model-ox-3-${'0'.repeat(16)}`, paths: ['/models/ox/model.json', '/models/ox/weights.bin'] });
  });

  it('names the page cache by the contents, so any changed file gives a new one', () => {
    expect(offlinePlan(build(1000)).page.cache).toBe(offlinePlan(build(1000)).page.cache);
    expect(offlinePlan(build(1000, { 'index.html': '<!doctype html><p>' })).page.cache).not.toBe(offlinePlan(build(1000)).page.cache);
  });

  it('does not keep a model over the fallback size, but keeps its card', () => {
    const plan = offlinePlan(build(15_000_000));
    expect(plan.model).toBeNull();
    expect(plan.page.paths).toContain('/models/ox/card.json');
    expect(plan.page.paths).not.toContain('/models/ox/weights.bin');
  });

  it('refuses a build without a card', () => {
    expect(() => offlinePlan(new Map([['index.html', '']]))).toThrow(/no models\/ox\/card.json/);
  });
});
