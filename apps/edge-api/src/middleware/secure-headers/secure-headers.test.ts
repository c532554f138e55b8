import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiSecureHeaders } from './index.js';

describe('apiSecureHeaders', () => {
  it('sends a CSP that allows nothing, and the usual hardening headers', async () => {
    const app = new Hono().use(apiSecureHeaders()).get('/health', (c) => c.json({ ok: true }));
    const res = await app.request('/health');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d+/);
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(res.headers.get('X-Powered-By')).toBeNull();
  });
});
