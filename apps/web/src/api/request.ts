/** What the page asks the API to classify: the canvas's pixels, or an uploaded file's bytes. */
export type ClassifyInput =
  | { kind: 'pixels'; width: number; height: number; rgba: Uint8Array | Uint8ClampedArray }
  | { kind: 'file'; bytes: Uint8Array; type: UploadType };

export type UploadType = 'image/png' | 'image/jpeg';

export interface ClassifyRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: string | Uint8Array };
}

/** Standard base64 (RFC 4648, with padding), in chunks so a large image does not overflow the stack. */
export function bytesToBase64(bytes: Uint8Array | Uint8ClampedArray): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return btoa(binary);
}

/** The URL of an API path under `apiBase` ('' means this page's origin). */
export function apiUrl(apiBase: string, path: string): string {
  return apiBase === '' ? path : `${apiBase.replace(/\/+$/, '')}${path}`;
}

/**
 * `POST /classify` for one input: canvas pixels as JSON `{width, height, rgba}` (RGBA bytes, base64),
 * uploads as the file's own bytes with its content type, so the edge decodes exactly what was chosen.
 */
export function buildClassifyRequest(apiBase: string, input: ClassifyInput): ClassifyRequest {
  const url = apiUrl(apiBase, '/classify');
  if (input.kind === 'file') {
    return { url, init: { method: 'POST', headers: { 'content-type': input.type }, body: input.bytes } };
  }
  const expected = input.width * input.height * 4;
  if (input.rgba.length !== expected) {
    throw new Error(`RGBA data has ${input.rgba.length} bytes; ${input.width}x${input.height} needs ${expected}`);
  }
  const body = JSON.stringify({ width: input.width, height: input.height, rgba: bytesToBase64(input.rgba) });
  return { url, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body } };
}

/**
 * The content type to send an upload with, read from its magic bytes (a file's name or the browser's
 * guess can be wrong); null for anything that is not PNG or JPEG.
 */
export function uploadTypeOf(bytes: Uint8Array): UploadType | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
