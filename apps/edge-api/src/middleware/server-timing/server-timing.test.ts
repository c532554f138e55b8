import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env.js';
import { serverTiming, timed } from './index.js';

const app = new Hono<AppEnv>().use(serverTiming()).get('/', async (c) => {
  const value = await timed(c, 'infer', async () => 42);
  await timed(c, 'decode', () => {
    const until = performance.now() + 3;
    while (performance.now() < until);
  });
  return c.json({ value });
});

describe('serverTiming', () => {
  it('reports each timed step and the total', async () => {
    const res = await app.request('/');
    expect(await res.json()).toEqual({ value: 42 });
    const header = res.headers.get('Server-Timing') ?? '';
    expect(header).toMatch(/^infer;dur=[\d.]+,decode;dur=[\d.]+,total;dur=[\d.]+;desc="Total Response Time"$/);
    // In local workerd the clock advances during CPU work, so a busy step shows its time.
    expect(Number(/decode;dur=([\d.]+)/.exec(header)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('lets allowed origins read the timings, and nobody else', async () => {
    const env = { CORS_ORIGINS: 'https://ox.example' };
    const allowed = await app.request('/', { headers: { Origin: 'https://ox.example' } }, env);
    expect(allowed.headers.get('Timing-Allow-Origin')).toBe('https://ox.example');
    const other = await app.request('/', { headers: { Origin: 'https://other.example' } }, env);
    expect(other.headers.get('Timing-Allow-Origin')).toBeNull();
  });

  it('ends a step that throws', async () => {
    const failing = new Hono<AppEnv>().use(serverTiming()).get('/', async (c) => {
      await timed(c, 'decode', () => {
        throw new Error('corrupt');
      }).catch(() => {});
      return c.text('handled');
    });
    expect((await failing.request('/')).headers.get('Server-Timing')).toMatch(/^decode;dur=[\d.]+,total/);
  });
});
