import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { Classifier } from '../../model/index.js';

/** GET /model: the model card (labels, input, preprocessing, decision rule, metrics), no weights. */
export function modelRoute(classifier: Classifier): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => c.json(classifier.card));
}
