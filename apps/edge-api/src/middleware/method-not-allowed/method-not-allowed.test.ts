import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env.js';
import { notFound } from '../../http/errors.js';
import { rejectWrongMethods } from './index.js';

function makeApp() {
  const app = new Hono<AppEnv>();
  app.use(rejectWrongMethods(app));
  app.post('/classify', (c) => c.text('classified'));
  app.get('/health', (c) => c.text('ok'));
  app.notFound(notFound);
  return app;
}

describe('rejectWrongMethods', () => {
  it('answers 405 with Allow and a JSON error for a known path', async () => {
    const res = await makeApp().request('/classify');
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('POST');
    expect(await res.json()).toEqual({ error: { code: 'method-not-allowed', message: 'GET is not allowed on /classify; use POST' } });
    expect((await makeApp().request('/health', { method: 'POST' })).headers.get('Allow')).toBe('GET, HEAD');
  });

  it('leaves right methods and unknown paths alone', async () => {
    const app = makeApp();
    expect(await (await app.request('/classify', { method: 'POST' })).text()).toBe('classified');
    const unknown = await app.request('/elsewhere', { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not-found');
  });
});
