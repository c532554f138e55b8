import type { Context, MiddlewareHandler } from 'hono';
import { endTime, startTime, timing } from 'hono/timing';
import { readConfig } from '../../config/index.js';
import type { AppEnv } from '../../http/app-env.js';

/**
 * Hono's Server-Timing header, readable by the same origins CORS allows. In local workerd the clock
 * advances during CPU work, so the figures are real; on Cloudflare it only advances on I/O, so the
 * compute steps show 0 there and have to be measured from outside.
 */
export function serverTiming(): MiddlewareHandler<AppEnv> {
  return timing({
    total: true,
    crossOrigin: (c) => {
      const allowed = readConfig(c.env).corsOrigins;
      if (allowed.includes('*')) return '*';
      const origin = c.req.header('Origin');
      return origin !== undefined && allowed.includes(origin) ? origin : false;
    },
  });
}

/** Runs `step` under a Server-Timing metric named `name`. */
export async function timed<T>(c: Context, name: string, step: () => T | Promise<T>): Promise<T> {
  startTime(c, name);
  try {
    return await step();
  } finally {
    endTime(c, name);
  }
}
