import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';

/**
 * Hono's request id: a caller's `X-Request-Id` (up to 255 of [A-Za-z0-9_=-]) is kept, otherwise a
 * random UUID is made; either way it is sent back in `X-Request-Id` and logged on errors.
 */
export function requestIds(): MiddlewareHandler {
  return requestId({ headerName: 'X-Request-Id', limitLength: 255 });
}
