import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { readConfig } from '../../config/index.js';
import type { AppEnv } from '../../http/app-env.js';

/**
 * Hono's CORS middleware, with the allowed origins from the `CORS_ORIGINS` var: a listed origin
 * is echoed back, `*` allows any, anything else gets no `Access-Control-Allow-Origin`.
 */
export function corsFromConfig(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin, c) => {
      const allowed = readConfig(c.env).corsOrigins;
      if (allowed.includes('*')) return '*';
      return allowed.includes(origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Server-Timing'],
    maxAge: 600,
  });
}
