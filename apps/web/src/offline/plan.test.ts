import { describe, expect, it } from 'vitest';
import { cachedAt, fill, modelCacheName, pageCacheName, prune, type OfflinePlan } from './plan.js';

/** An in-memory Cache Storage (the parts plan.ts uses), keyed by absolute URL. */
class MemoryCaches {
  readonly stores = new Map<string, Map<string, Response>>();
  async open(name: string) {
    const store = this.stores.get(name) ?? new Map<string, Response>();
    this.stores.set(name, store);
    return {
      match: async (url: string) => store.get(url)?.clone(),
      put: async (url: string, res: Response) => void store.set(url, res),
    };
  }
  async match(url: string) {
    for (const store of this.stores.values()) if (store.has(url)) return store.get(url)?.clone();
    return undefined;
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
}

const ORIGIN = 'https://inkling.test';
const card = (version: string, hash: string) => ({ name: 'ox', version, weightsHash: { value: hash.repeat(64).slice(0, 64) } });

function planFor(page: string, model: ReturnType<typeof card> | null): OfflinePlan {
  return {
    page: { cache: pageCacheName(page), paths: ['/', '/assets/main-abc.js', '/models/ox/card.json'] },
    model: model && { cache: modelCacheName(model), paths: ['/models/ox/model.json', '/models/ox/weights.bin'] },
  };
}

/** A server whose files say which deploy they come from, and that counts what it was asked for. */
function server(deploy: string) {
  const asked: string[] = [];
  const fetchFn = (async (req: Request) => {
    asked.push(new URL(req.url).pathname);
    return new Response(`${deploy}:${new URL(req.url).pathname}`);
  }) as unknown as typeof fetch;
  return { asked, fetchFn };
}

const text = async (caches: MemoryCaches, name: string, path: string) => (await (await caches.open(name)).match(`${ORIGIN}${path}`))?.text();

describe('the offline plan', () => {
  it('names the model cache after the card version and weights hash only', () => {
    expect(modelCacheName(card('2026.11.28', 'e9'))).toBe('inkling-model-ox-2026.11.28-e9e9e9e9e9e9e9e9');
    expect(modelCacheName(card('1.0.0', 'ab'))).not.toBe(modelCacheName(card('1.0.1', 'ab')));
    expect(modelCacheName(card('1.0.0', 'ab'))).not.toBe(modelCacheName(card('1.0.0', 'cd')));
    expect(modelCacheName({ name: 'my model/1', version: '1', weightsHash: { value: 'f'.repeat(64) } })).toBe('inkling-model-my_model_1-1-ffffffffffffffff');
  });

  it('keeps the model across a page update and replaces it when a new model version comes', async () => {
    const caches = new MemoryCaches() as unknown as CacheStorage & MemoryCaches;
    const v1 = planFor('p1', card('1', 'aa'));
    const first = server('deploy1');
    await fill(v1, caches, ORIGIN, first.fetchFn);
    expect(first.asked.sort()).toEqual(['/', '/assets/main-abc.js', '/models/ox/card.json', '/models/ox/model.json', '/models/ox/weights.bin']);

    // A new page, same model: the model and the fingerprinted script are not downloaded again.
    const v2 = planFor('p2', card('1', 'aa'));
    const second = server('deploy2');
    await fill(v2, caches, ORIGIN, second.fetchFn);
    expect(second.asked.sort()).toEqual(['/', '/models/ox/card.json']);
    expect(await prune(v2, caches)).toEqual([v1.page.cache]);
    expect(await text(caches, v2.model!.cache, '/models/ox/weights.bin')).toBe('deploy1:/models/ox/weights.bin');

    // A new model version: its files are fetched into a new cache, and the old model's cache goes.
    const v3 = planFor('p3', card('2', 'bb'));
    const third = server('deploy3');
    await fill(v3, caches, ORIGIN, third.fetchFn);
    expect(third.asked).toContain('/models/ox/weights.bin');
    expect((await prune(v3, caches)).sort()).toEqual([v2.model!.cache, v2.page.cache].sort());
    expect((await caches.keys()).sort()).toEqual([v3.model!.cache, v3.page.cache].sort());
    expect(await text(caches, v3.model!.cache, '/models/ox/weights.bin')).toBe('deploy3:/models/ox/weights.bin');
  });

  it('fails the install when a file cannot be fetched, so a half-filled version never takes over', async () => {
    const caches = new MemoryCaches() as unknown as CacheStorage;
    const fetchFn = (async (req: Request) => new Response('', { status: new URL(req.url).pathname.endsWith('.bin') ? 404 : 200 })) as unknown as typeof fetch;
    await expect(fill(planFor('p', card('1', 'aa')), caches, ORIGIN, fetchFn)).rejects.toThrow('/models/ox/weights.bin could not be saved for offline use (HTTP 404)');
  });

  it('answers the page and its files from the cache and leaves the rest to the network', () => {
    const plan = planFor('p', card('1', 'aa'));
    expect(cachedAt(plan, '/', true)).toEqual({ cache: plan.page.cache, path: '/' });
    expect(cachedAt(plan, '/index.html', true)).toEqual({ cache: plan.page.cache, path: '/' });
    expect(cachedAt(plan, '/models/ox/weights.bin', false)).toEqual({ cache: plan.model!.cache, path: '/models/ox/weights.bin' });
    expect(cachedAt(plan, '/classify', false)).toBeNull();
    expect(cachedAt(plan, '/health', true)).toBeNull();
    // A model over the size limit is not kept: its files go to the network.
    expect(cachedAt(planFor('p', null), '/models/ox/weights.bin', false)).toBeNull();
  });
});
