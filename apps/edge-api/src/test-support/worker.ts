import { exports } from 'cloudflare:workers';

/** Sends a request through the whole Worker (middleware, routes, error handling), inside workerd. */
export function call(path: string, init?: RequestInit): Promise<Response> {
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
