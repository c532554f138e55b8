import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { Classifier } from '../../model/index.js';

/**
 * GET /health: the Worker is up and its model is loaded (it loads before the first request), on
 * which backend, and why it fell back to the CPU backend if it did.
 */
export function healthRoute(classifier: Classifier): Hono<AppEnv> {
  const { card, backend } = classifier;
  return new Hono<AppEnv>().get('/', (c) =>
    c.json({
      ok: true,
      model: { name: card.name, version: card.version },
      backend: backend.name,
      ...(backend.fallbackReasons.length ? { fallbackReasons: backend.fallbackReasons } : {}),
    }),
  );
}
