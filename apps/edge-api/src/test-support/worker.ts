import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import worker from '../index.js';

/**
 * Sends a request to the Worker's fetch handler (all middleware, routes and error handling), inside
 * workerd, with the bindings from wrangler.test.jsonc. It calls the module's default export
 * directly: going through `exports.default.fetch` (workerd's loopback) is the same code, but in the
 * test pool each loopback call gets slower than the last (5 ms → 90 ms over 400 calls).
 */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve(worker.fetch(new Request(`http://edge.test${path}`, init), env, createExecutionContext()));
}

/** The same request through workerd's loopback to the main module, as a client would reach it. */
export function callThroughRuntime(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://edge.test${path}`, init));
}

export function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export interface ErrorJson {
  error: { code: string; message: string };
}
