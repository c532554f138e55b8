import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'empty-body'
  | 'not-an-image'
  | 'corrupt-image'
  | 'invalid-request'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'image-too-large'
  | 'method-not-allowed'
  | 'not-found'
  | 'internal-error';

/** The one shape every error takes: `{ error: { code, message } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** An error the client caused, with the status and code it maps to. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, headers?: Record<string, string>): Response {
  const body: ErrorBody = { error: { code, message } };
  return c.json(body, status, headers);
}

/** Hono's own exceptions (malformed JSON or form data, body limit) carry only a status. */
function codeForStatus(status: number): ErrorCode {
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  if (status === 404) return 'not-found';
  if (status === 405) return 'method-not-allowed';
  return status >= 500 ? 'internal-error' : 'invalid-request';
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return errorResponse(c, status, codeForStatus(status), err.message || 'bad request');
  }
  // Anything else is our bug, not the client's: log it, and say so without leaking details.
  console.error('inkling edge: unhandled error', err);
  return errorResponse(c, 500, 'internal-error', 'the server failed to handle this request');
};

export const notFound: NotFoundHandler = (c) => errorResponse(c, 404, 'not-found', `no route for ${c.req.method} ${c.req.path}`);
