// What the service worker keeps, and the rules for keeping it, as plain functions over the Cache
// Storage API so they can be tested in Node with an in-memory stand-in.

/** Written into sw.js at build time (build/offline.ts): every URL path is absolute from the origin. */
export interface OfflinePlan {
  /** index.html (as '/'), the page's scripts and styles, tfjs's .wasm files, the card, the manifest. */
  page: { cache: string; paths: string[] };
  /** model.json and weights, or null when the model is over the page's fallback size limit. */
  model: { cache: string; paths: string[] } | null;
}

export const CACHE_PREFIX = 'inkling-';

/** Named after the page's contents: any change to a file gives a new cache. */
export const pageCacheName = (fingerprint: string): string => `${CACHE_PREFIX}page-${fingerprint}`;

/**
 * Named after the card's model name, version and weights hash: a page update keeps the downloaded
 * model, and only a new model version (or new weights) replaces it.
 */
export const modelCacheName = (card: { name: string; version: string; weightsHash: { value: string } }): string =>
  `${CACHE_PREFIX}model-${card.name}-${card.version}-${card.weightsHash.value.slice(0, 16)}`.replace(/[^\w.-]/g, '_');

/** Caches of ours that this plan does not use (an older page or model). */
export function staleCaches(names: readonly string[], plan: OfflinePlan): string[] {
  const keep = new Set([plan.page.cache, plan.model?.cache]);
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && !keep.has(n));
}

/** Vite fingerprints everything under assets/, so a file there never changes under the same name. */
const immutable = (path: string) => /\/assets\/[^/]+$/.test(path);

/**
 * Puts every path of the plan that is not yet cached into its cache. A fingerprinted file already in
 * an older page cache is copied from there instead of downloaded again; everything else is fetched
 * past the HTTP cache, so a new deploy never stores a stale copy.
 */
export async function fill(plan: OfflinePlan, caches: CacheStorage, origin: string, fetchFn: typeof fetch): Promise<void> {
  for (const part of [plan.page, plan.model]) {
    if (!part) continue;
    const cache = await caches.open(part.cache);
    await Promise.all(
      part.paths.map(async (path) => {
        const url = new URL(path, origin).href;
        if (await cache.match(url)) return;
        const old = immutable(path) ? await caches.match(url) : undefined;
        const res = old ?? (await fetchFn(new Request(url, { cache: 'reload' })));
        if (!res.ok) throw new Error(`${path} could not be saved for offline use (HTTP ${res.status})`);
        await cache.put(url, res);
      }),
    );
  }
}

/** Deletes the caches an older version left behind. */
export async function prune(plan: OfflinePlan, caches: CacheStorage): Promise<string[]> {
  const stale = staleCaches(await caches.keys(), plan);
  await Promise.all(stale.map((name) => caches.delete(name)));
  return stale;
}

/**
 * The cache and key that answer a GET for `pathname`, or null to leave the request to the network
 * (the API, anything not in the plan). A navigation to the page, with any query (?api=...), is the page.
 */
export function cachedAt(plan: OfflinePlan, pathname: string, navigate: boolean): { cache: string; path: string } | null {
  if (navigate) return pathname === '/' || pathname === '/index.html' ? { cache: plan.page.cache, path: '/' } : null;
  for (const part of [plan.page, plan.model]) {
    if (part?.paths.includes(pathname)) return { cache: part.cache, path: pathname };
  }
  return null;
}
