import { buildClassifyRequest, type ClassifyInput } from './request.js';
import { parseApiError, parseClassifyResponse, type ApiError, type ClassifyResponse } from './response.js';

/**
 * What came of asking the edge API:
 * - `answer`: it classified the image;
 * - `refused`: it read the request and said no (a 4xx with its JSON error): show the reason, since the
 *   in-browser model would refuse the same input;
 * - `unreachable`: no usable answer (network error, timeout, 5xx, or a reply that is not the API's,
 *   e.g. a static host's 404 page): the page falls back to the model in the browser.
 */
export type RemoteOutcome =
  | { kind: 'answer'; response: ClassifyResponse }
  | { kind: 'refused'; status: number; error: ApiError }
  | { kind: 'unreachable'; reason: string };

export interface RemoteOptions {
  fetch?: typeof fetch;
  /** Give up and fall back after this long. */
  timeoutMs?: number;
  /** Aborted when a newer drawing makes this request pointless; the promise then rejects. */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 4000;

export async function classifyRemote(apiBase: string, input: ClassifyInput, options: RemoteOptions = {}): Promise<RemoteOutcome> {
  const { fetch: fetchFn = globalThis.fetch.bind(globalThis), timeoutMs = DEFAULT_TIMEOUT_MS, signal } = options;
  const request = buildClassifyRequest(apiBase, input);
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetchFn(request.url, { ...request.init, body: request.init.body as BodyInit, signal: combined });
  } catch (err) {
    if (signal?.aborted) throw signal.reason ?? err;
    if (timeout.aborted) return { kind: 'unreachable', reason: `no answer within ${timeoutMs} ms` };
    // The browser knows when it has no network at all (e.g. a second visit offline): say that plainly.
    if (globalThis.navigator?.onLine === false) return { kind: 'unreachable', reason: 'you are offline' };
    return { kind: 'unreachable', reason: `network error: ${err instanceof Error ? err.message : String(err)}` };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch (err) {
    if (signal?.aborted) throw signal.reason ?? err;
    json = null;
  }
  return interpretResponse(res.status, json);
}

/** Sorts a status and body into an outcome (separate from fetching so the rule is easy to test). */
export function interpretResponse(status: number, json: unknown): RemoteOutcome {
  if (status >= 200 && status < 300) {
    const response = parseClassifyResponse(json);
    return response ? { kind: 'answer', response } : { kind: 'unreachable', reason: `the API answered ${status} with a body that is not a classification` };
  }
  // 408 and 429 say "not now", not "not this image": the browser can still answer.
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    const error = parseApiError(json);
    if (error) return { kind: 'refused', status, error };
  }
  return { kind: 'unreachable', reason: `the API answered HTTP ${status}` };
}
