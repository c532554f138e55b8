import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { Classifier, ClassifierStatus } from '../../model/index.js';
import { memoryReport } from '../../model/memory.js';

/**
 * GET /health: the Worker is up and its model is loaded, on which backend (and why it fell back to
 * the CPU backend if it did), when the model warms up (at load, or on the first request for a
 * streamed model) and whether it has, how its weights are held, start-up times and memory.
 */
function healthStatus(classifier: Classifier): Omit<ClassifierStatus, 'startup'> {
  // Start-up times stay out: workerd's clock stands still while it loads a Worker (wrangler dev and
  // Cloudflare alike), so they read 0 here; the benchmark measures them (bench/startup-probe.ts).
  const { startup: _startup, ...status } = classifier.status();
  return status;
}

export function healthRoute(classifier: Classifier): Hono<AppEnv> {
  const { card, backend } = classifier;
  return new Hono<AppEnv>().get('/', (c) =>
    c.json({
      ok: true,
      model: { name: card.name, version: card.version },
      backend: backend.name,
      ...(backend.fallbackReasons.length ? { fallbackReasons: backend.fallbackReasons } : {}),
      ...healthStatus(classifier),
      memory: memoryReport(),
    }),
  );
}
