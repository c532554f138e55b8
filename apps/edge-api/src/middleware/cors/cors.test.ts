import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../config/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { corsFromConfig } from './index.js';

const app = new Hono<AppEnv>().use(corsFromConfig()).post('/classify', (c) => c.json({ ok: true }));
const env: Bindings = { CORS_ORIGINS: 'https://ox.example, http://localhost:5173' };

describe('corsFromConfig', () => {
  it('echoes an origin listed in CORS_ORIGINS and exposes the timing and request-id headers', async () => {
    const res = await app.request('/classify', { method: 'POST', headers: { Origin: 'https://ox.example' } }, env);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://ox.example');
    expect(res.headers.get('Access-Control-Expose-Headers')).toBe('X-Request-Id,Server-Timing');
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin', async () => {
    const res = await app.request('/classify', { method: 'POST', headers: { Origin: 'https://evil.example' } }, env);
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers a preflight with the methods and headers the API takes', async () => {
    const res = await app.request(
      '/classify',
      { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } },
      env,
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,OPTIONS');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type,X-Request-Id');
    expect(res.headers.get('Access-Control-Max-Age')).toBe('600');
  });

  it('allows any origin when configured with *, and none when not configured', async () => {
    const any = await app.request('/classify', { method: 'POST', headers: { Origin: 'https://a.example' } }, { CORS_ORIGINS: '*' });
    expect(any.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const none = await app.request('/classify', { method: 'POST', headers: { Origin: 'https://a.example' } }, {});
    expect(none.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
