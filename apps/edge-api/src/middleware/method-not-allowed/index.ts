import type { Hono, MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../../http/errors.js';

/** Hono's 405 for a known path with the wrong method, with our JSON error and an `Allow` header. */
export function rejectWrongMethods(app: Hono<AppEnv>): MiddlewareHandler<AppEnv> {
  return methodNotAllowed<AppEnv>({
    app,
    onMethodNotAllowed: (c, methods) =>
      errorResponse(c, 405, 'method-not-allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(' or ')}`, { Allow: methods.join(', ') }),
  });
}
