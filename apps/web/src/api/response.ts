import { apiErrorBodySchema, classifyResponseSchema, type ApiErrorBody, type ClassifyResponse } from '@inkling/core';

/** A successful `POST /classify` answer: core's schema, the one the edge API answers with. */
export type { ClassifyResponse };

export type ApiError = ApiErrorBody['error'];

/** The answer, or null for anything that is not a complete one, so the caller can fall back. */
export function parseClassifyResponse(json: unknown): ClassifyResponse | null {
  const result = classifyResponseSchema.safeParse(json);
  return result.success ? result.data : null;
}

/** The `{ error: { code, message } }` body of a refusal, or null when the body is something else. */
export function parseApiError(json: unknown): ApiError | null {
  const result = apiErrorBodySchema.safeParse(json);
  return result.success ? result.data.error : null;
}
