import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedWeightsPath, defaultCacheDir, resolveVgg16Weights, VGG16_NOTOP_WEIGHTS, WeightsUnavailableError } from './weights-source.js';

const BODY = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 251));
const MD5 = createHash('md5').update(BODY).digest('hex');

let root: string;
let server: Server;
let base: string;
const hits: string[] = [];

/** A local stand-in for the Keras weights host: /ok serves the file, the others fail in their own way. */
function handler(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  hits.push(req.url ?? '');
  if (req.url === '/ok') {
    res.writeHead(200, { 'content-length': BODY.length });
    // In pieces, so progress is reported more than once.
    res.write(BODY.subarray(0, 20_000));
    setTimeout(() => res.end(BODY.subarray(20_000)), 150);
  } else if (req.url === '/corrupt') {
    const bad = Buffer.from(BODY);
    bad[100] ^= 0xff;
    res.writeHead(200, { 'content-length': bad.length }).end(bad);
  } else if (req.url === '/cut') {
    res.writeHead(200, { 'content-length': BODY.length });
    res.write(BODY.subarray(0, 10_000), () => res.destroy());
  } else if (req.url === '/stall') {
    res.writeHead(200, { 'content-length': BODY.length });
    res.write(BODY.subarray(0, 1000));
  } else {
    res.writeHead(404).end('not found');
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'inkling-vgg16-cache-'));
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

let cacheDir: string;
let n = 0;
beforeEach(() => {
  cacheDir = join(root, `cache-${n++}`);
});

/** No real network and no real ~/.keras: every test passes its own environment. */
const env = (extra: Record<string, string> = {}) => ({ HOME: join(root, 'home'), KERAS_HOME: join(root, 'no-keras'), ...extra });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WeightsUnavailableError);
  return (err as Error).message;
}

describe('where the VGG16 weights come from', () => {
  it("publishes Keras's URL and checksum for the notop file", () => {
    expect(VGG16_NOTOP_WEIGHTS.url).toBe('https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5');
    expect(VGG16_NOTOP_WEIGHTS.md5).toBe('6d6bbae143d832006294945121d1f1fc');
  });

  it('cache folder: INKLING_CACHE, else ~/.cache/inkling', () => {
    expect(defaultCacheDir({ INKLING_CACHE: '/data/cache' })).toBe('/data/cache');
    expect(defaultCacheDir({ INKLING_CACHE: '' })).toMatch(/\.cache\/inkling$/);
    expect(cachedWeightsPath({ env: { INKLING_CACHE: '/c' } })).toBe('/c/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5');
  });

  it('--weights PATH wins, without a download, and says whether it is the official file', async () => {
    const path = join(root, 'mine.h5');
    writeFileSync(path, BODY);
    const before = hits.length;
    const got = await resolveVgg16Weights({ weights: path, cacheDir, url: `${base}/ok`, md5: MD5, env: env() });
    expect(got).toEqual({ path, source: 'argument', md5: MD5, official: true });
    const other = await resolveVgg16Weights({ weights: path, cacheDir, env: env() });
    expect(other.official).toBe(false);
    expect(hits.length).toBe(before);
    expect(await refusal(resolveVgg16Weights({ weights: join(root, 'nope.h5'), env: env() }))).toMatch(/--weights .*nope\.h5: no such file/);
  });

  it('downloads once into the cache, verified, then reads the cache without a request', async () => {
    const progress: number[] = [];
    const lines: string[] = [];
    const first = await resolveVgg16Weights({ cacheDir, url: `${base}/ok`, md5: MD5, env: env(), onProgress: (p) => progress.push(p.bytes), log: (l) => lines.push(l) });
    expect(first).toEqual({ path: join(cacheDir, VGG16_NOTOP_WEIGHTS.fileName), source: 'download', md5: MD5, official: true });
    expect(readFileSync(first.path).equals(BODY)).toBe(true);
    expect(progress.at(-1)).toBe(BODY.length);
    expect(progress.length).toBeGreaterThan(1);
    expect(lines.join('\n')).toMatch(/downloading VGG16's ImageNet weights \(once\) from http:\/\/127\.0\.0\.1:\d+\/ok/);
    expect(readdirSync(cacheDir)).toEqual([VGG16_NOTOP_WEIGHTS.fileName]);

    const before = hits.length;
    const second = await resolveVgg16Weights({ cacheDir, url: `${base}/ok`, md5: MD5, env: env() });
    expect(second.source).toBe('cache');
    expect(hits.length).toBe(before);
  });

  it('takes the URL from INKLING_VGG16_WEIGHTS_URL and the folder from INKLING_CACHE', async () => {
    const got = await resolveVgg16Weights({ md5: MD5, env: env({ INKLING_CACHE: cacheDir, INKLING_VGG16_WEIGHTS_URL: `${base}/ok` }) });
    expect(got.path).toBe(join(cacheDir, VGG16_NOTOP_WEIGHTS.fileName));
    expect(got.source).toBe('download');
  });

  it("uses Keras's own cache (~/.keras/models) when it holds the verified file", async () => {
    const keras = join(root, 'keras-home');
    mkdirSync(join(keras, 'models'), { recursive: true });
    writeFileSync(join(keras, 'models', VGG16_NOTOP_WEIGHTS.fileName), BODY);
    const got = await resolveVgg16Weights({ cacheDir, url: `${base}/missing`, md5: MD5, env: { ...env(), KERAS_HOME: keras } });
    expect(got).toMatchObject({ source: 'keras-cache', official: true });
  });

  it('downloads again over a cached file whose checksum is wrong', async () => {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, VGG16_NOTOP_WEIGHTS.fileName), BODY.subarray(0, 1000));
    const lines: string[] = [];
    const got = await resolveVgg16Weights({ cacheDir, url: `${base}/ok`, md5: MD5, env: env(), log: (l) => lines.push(l) });
    expect(got.source).toBe('download');
    expect(readFileSync(got.path).equals(BODY)).toBe(true);
    expect(lines[0]).toMatch(/has MD5 [0-9a-f]{32}, not [0-9a-f]{32}: ignoring it/);
  });
});

describe('a download that fails keeps nothing and says where to put the file', () => {
  const expectNothingCached = () => expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);

  it('a checksum mismatch', async () => {
    const message = await refusal(resolveVgg16Weights({ cacheDir, url: `${base}/corrupt`, md5: MD5, env: env() }));
    expect(message).toMatch(new RegExp(`checksum mismatch: the file's MD5 is [0-9a-f]{32}, expected ${MD5}`));
    expect(message).toContain(`at ${join(cacheDir, VGG16_NOTOP_WEIGHTS.fileName)}`);
    expect(message).toContain('--weights PATH');
    expectNothingCached();
  });

  it('connection refused (no network)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const message = await refusal(resolveVgg16Weights({ cacheDir, url: `http://127.0.0.1:${port}/w.h5`, md5: MD5, env: env() }));
    expect(message).toMatch(/could not be downloaded from http:\/\/127\.0\.0\.1:\d+\/w\.h5: .*ECONNREFUSED/);
    expect(message).toContain(`Put ${VGG16_NOTOP_WEIGHTS.fileName} (MD5 ${MD5}; on a machine with network: http://127.0.0.1:${port}/w.h5) at ${join(cacheDir, VGG16_NOTOP_WEIGHTS.fileName)}`);
    expectNothingCached();
  });

  it('an HTTP error, a connection cut mid-file, a stalled server', async () => {
    expect(await refusal(resolveVgg16Weights({ cacheDir, url: `${base}/missing`, md5: MD5, env: env() }))).toMatch(/HTTP 404/);
    expect(await refusal(resolveVgg16Weights({ cacheDir, url: `${base}/cut`, md5: MD5, env: env() }))).toMatch(/broke off after 10,000 bytes|got 10,000 of 50,000 bytes/);
    expect(await refusal(resolveVgg16Weights({ cacheDir, url: `${base}/stall`, md5: MD5, env: env(), idleTimeoutMs: 300 }))).toMatch(/broke off after 1,000 bytes: no data for 300 ms/);
    expectNothingCached();
  });

  it('INKLING_OFFLINE=1 does not try', async () => {
    const before = hits.length;
    const message = await refusal(resolveVgg16Weights({ cacheDir, url: `${base}/ok`, md5: MD5, env: env({ INKLING_OFFLINE: '1' }) }));
    expect(message).toMatch(/downloading is off \(INKLING_OFFLINE\)\. Put vgg16_weights_tf_dim_ordering_tf_kernels_notop\.h5/);
    expect(hits.length).toBe(before);
  });
});
