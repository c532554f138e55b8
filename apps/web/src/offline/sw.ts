// The service worker, built to dist/sw.js by build/offline.ts, which writes the plan (the exact files
// of this build, and the cache names) in place of the placeholder below. Cache-first for those files,
// network for everything else (the API among them: offline, the page's own fallback answers).
// Hand-written rather than Workbox: see the README ("Offline").
import { cachedAt, fill, prune, type OfflinePlan } from './plan.js';

// The DOM lib has no service-worker types, and the WebWorker lib cannot sit beside it in one
// tsconfig; these are the few members used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const sw = self as unknown as ServiceWorkerScope;
const plan = JSON.parse('__INKLING_OFFLINE_PLAN__') as OfflinePlan;
const origin = sw.location.origin;

sw.addEventListener('install', (event) => {
  // A new version takes over at once: its files are complete in their caches before this resolves.
  event.waitUntil(fill(plan, caches, origin, fetch).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(prune(plan, caches).then(() => sw.clients.claim()));
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== origin) return;
  const hit = cachedAt(plan, url.pathname, request.mode === 'navigate');
  if (!hit) return;
  event.respondWith(
    caches
      .open(hit.cache)
      .then((cache) => cache.match(new URL(hit.path, origin).href))
      .then((cached) => cached ?? fetch(request)),
  );
});
