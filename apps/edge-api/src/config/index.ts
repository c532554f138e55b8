import { z } from 'zod';

/** The Worker's bindings: `vars` from wrangler.jsonc (strings) and the static-assets binding. */
export interface Bindings {
  ASSETS?: Fetcher;
  /** Comma-separated origins allowed to call the API from a browser; `*` allows any. */
  CORS_ORIGINS?: string;
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES?: string;
  /** Largest image accepted, width × height, checked on the header before decoding. */
  MAX_IMAGE_PIXELS?: string;
  /** Largest width or height accepted. */
  MAX_IMAGE_SIDE?: string;
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = z.object({
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  // 6 MiB: a 1024×1024 canvas sent as base64 JSON (5.6 MB) still fits.
  MAX_BODY_BYTES: positiveInt(6 * 1024 * 1024),
  // The free plan allows 10 ms of CPU per request; a megapixel is about what that pays for.
  MAX_IMAGE_PIXELS: positiveInt(1024 * 1024),
  MAX_IMAGE_SIDE: positiveInt(2048),
});

export interface Config {
  corsOrigins: string[];
  maxBodyBytes: number;
  maxImagePixels: number;
  maxImageSide: number;
}

const cache = new WeakMap<object, Config>();

/** The configuration from the bindings, read once per bindings object; names the bad var if any. */
export function readConfig(env: Bindings | undefined): Config {
  const key = env ?? cache;
  const cached = cache.get(key);
  if (cached) return cached;
  const parsed = configSchema.safeParse(env ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid Worker configuration (wrangler vars): ${problems}`);
  }
  const v = parsed.data;
  const config = { corsOrigins: v.CORS_ORIGINS, maxBodyBytes: v.MAX_BODY_BYTES, maxImagePixels: v.MAX_IMAGE_PIXELS, maxImageSide: v.MAX_IMAGE_SIDE };
  cache.set(key, config);
  return config;
}
