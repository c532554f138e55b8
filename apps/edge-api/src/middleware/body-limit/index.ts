import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readConfig } from '../../config/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { ApiError } from '../../http/errors.js';

const limiters = new Map<number, MiddlewareHandler>();

/**
 * Hono's body limit with the size from the `MAX_BODY_BYTES` var: a declared Content-Length over
 * the limit is refused before the body is read, a streamed body as soon as it passes the limit.
 */
export function limitBody(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const maxSize = readConfig(c.env).maxBodyBytes;
    let limiter = limiters.get(maxSize);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize,
        onError: () => {
          throw new ApiError(413, 'payload-too-large', `the request body is over the limit of ${maxSize} bytes`);
        },
      });
      limiters.set(maxSize, limiter);
    }
    return limiter(c, next);
  };
}
