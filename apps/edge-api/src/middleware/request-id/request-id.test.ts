import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env.js';
import { requestIds } from './index.js';

const app = new Hono<AppEnv>().use(requestIds()).get('/', (c) => c.json({ id: c.get('requestId') }));

describe('requestIds', () => {
  it('makes a UUID and sends it back', async () => {
    const res = await app.request('/');
    const id = res.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await res.json()).toEqual({ id });
    expect((await app.request('/')).headers.get('X-Request-Id')).not.toBe(id);
  });

  it("keeps a caller's well-formed id and replaces a malformed one", async () => {
    expect((await app.request('/', { headers: { 'X-Request-Id': 'trace-42_ab=' } })).headers.get('X-Request-Id')).toBe('trace-42_ab=');
    expect((await app.request('/', { headers: { 'X-Request-Id': 'no spaces <script>' } })).headers.get('X-Request-Id')).not.toBe('no spaces <script>');
    expect((await app.request('/', { headers: { 'X-Request-Id': 'a'.repeat(256) } })).headers.get('X-Request-Id')).toHaveLength(36);
  });
});
