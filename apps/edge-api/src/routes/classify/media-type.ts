import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';

export const ACCEPTED_MEDIA_TYPES = ['image/png', 'image/jpeg', 'multipart/form-data', 'application/json'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

/** `type/subtype` without parameters, lower case; `image/jpg` (a common slip) counts as JPEG. */
export function mediaTypeOf(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'image/jpg' ? 'image/jpeg' : type;
}

/** POST /classify's headers: the Content-Type must be one the route reads. */
export const classifyHeadersSchema = z.object({
  'content-type': z
    .string({ error: `a Content-Type header is required (${ACCEPTED_MEDIA_TYPES.join(', ')})` })
    .transform(mediaTypeOf)
    .pipe(z.enum(ACCEPTED_MEDIA_TYPES, { error: (issue) => `Content-Type ${String(issue.input) || '(empty)'} is not accepted; send ${ACCEPTED_MEDIA_TYPES.join(', ')}` })),
});

/**
 * Runs `middleware` (a body validator) only for requests of `type`: Hono's validators read the
 * body of the media type they validate, and POST /classify takes several.
 */
export function forMediaType<M extends MiddlewareHandler>(type: AcceptedMediaType, middleware: M): M {
  const wrapped: MiddlewareHandler = (c, next) => (mediaTypeOf(c.req.header('Content-Type')) === type ? middleware(c, next) : next());
  return wrapped as M;
}
