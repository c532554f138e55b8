import { Hono } from 'hono';
import type { AppEnv } from './http/app-env.js';
import { notFound, onError } from './http/errors.js';
import { limitBody } from './middleware/body-limit/index.js';
import { corsFromConfig } from './middleware/cors/index.js';
import { rejectWrongMethods } from './middleware/method-not-allowed/index.js';
import { requestIds } from './middleware/request-id/index.js';
import { apiSecureHeaders } from './middleware/secure-headers/index.js';
import { serverTiming } from './middleware/server-timing/index.js';
import type { Classifier } from './model/index.js';
import { classifyRoute } from './routes/classify/index.js';
import { healthRoute } from './routes/health/index.js';
import { modelRoute } from './routes/model/index.js';

export interface AppDeps {
  classifier: Classifier;
}

/**
 * The API: POST /classify, GET /health, GET /model. The page itself is static assets, served by
 * Workers before this app runs (wrangler.jsonc `assets`).
 */
export function createApp({ classifier }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestIds());
  app.use(serverTiming());
  app.use(apiSecureHeaders());
  app.use(corsFromConfig());
  app.use(rejectWrongMethods(app));
  app.use(limitBody());
  app.route('/classify', classifyRoute(classifier));
  app.route('/health', healthRoute(classifier));
  app.route('/model', modelRoute(classifier));
  app.notFound(notFound);
  app.onError(onError);
  return app;
}
