// A Worker entry for measurements (scripts/measure-worker.mjs), not for deploying. workerd's clock
// stands still while it loads a script, so the Worker cannot time its own start-up at load; this
// entry runs the very same start-up (loadClassifier: backend, checks, graph, warm-up at load) inside
// GET /startup, where the clock advances, and says how long it took; then it serves the real app.
// Until then GET /health answers at once, so that the dev server is ready without loading the model
// and the caller can read workerd's CPU time before and after GET /startup. (Parsing the bundle
// itself is not in the figure.)
import bundledModel from 'inkling-model';
import { createApp } from './app.js';
import { startBackend } from './backend/index.js';
import { loadClassifier, type Classifier } from './model/index.js';

interface Loaded {
  app: ReturnType<typeof createApp>;
  classifier: Classifier;
  startupMs: number;
}

let loading: Promise<Loaded> | undefined;

function load(env: Record<string, unknown>): Promise<Loaded> {
  loading ??= (async () => {
    // For comparisons only (the benchmark's "resident" row): how much float32 weight stays resident.
    const budget = Number(env.INKLING_RESIDENT_BUDGET_BYTES);
    const t0 = performance.now();
    const classifier = await loadClassifier(bundledModel, startBackend, Number.isFinite(budget) && budget > 0 ? { residentBudgetBytes: budget } : {});
    return { app: createApp({ classifier }), classifier, startupMs: performance.now() - t0 };
  })();
  return loading;
}

export default {
  async fetch(request: Request, env: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (!loading && path === '/health') return Response.json({ ok: true, probe: 'the model loads on GET /startup' });
    const { app, classifier, startupMs } = await load(env);
    if (path === '/startup') return Response.json({ startupMs, ...classifier.status() });
    return app.fetch(request, env, ctx);
  },
};
