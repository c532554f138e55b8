import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/app-env.js';
import { onError } from '../../http/errors.js';
import { limitBody } from './index.js';

const app = new Hono<AppEnv>()
  .use(limitBody())
  .post('/', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }))
  .onError(onError);
const env = { MAX_BODY_BYTES: '1000' };

function streamOf(total: number, chunk = 300): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n));
    },
  });
}

describe('limitBody', () => {
  it('lets a body at the limit through', async () => {
    const res = await app.request('/', { method: 'POST', body: new Uint8Array(1000) }, env);
    expect(await res.json()).toEqual({ bytes: 1000 });
  });

  it('refuses a declared Content-Length over MAX_BODY_BYTES with a JSON 413', async () => {
    const res = await app.request('/', { method: 'POST', body: new Uint8Array(1001) }, env);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload-too-large', message: 'the request body is over the limit of 1000 bytes' } });
  });

  it('counts a streamed body and stops it once it passes the limit', async () => {
    const ok = await app.request('/', { method: 'POST', body: streamOf(900) }, env);
    expect(await ok.json()).toEqual({ bytes: 900 });
    const over = await app.request('/', { method: 'POST', body: streamOf(5000) }, env);
    expect(over.status).toBe(413);
  });

  it('takes its default (6 MiB) when the var is not set', async () => {
    const res = await app.request('/', { method: 'POST', body: new Uint8Array(6 * 1024 * 1024 + 1) }, {});
    expect(res.status).toBe(413);
  });
});
