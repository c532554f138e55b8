// Every way a request can be wrong gets `{ error: { code, message } }` with the right status.
import { describe, expect, inject, it } from 'vitest';
import { GIF_1X1, jpegDeclaring, pngDeclaring } from '../../test-support/image-bytes.js';
import { bytesOf, call, type ErrorJson } from '../../test-support/worker.js';

const img = inject('testImages')[0];
const png = bytesOf(img.png);
const jpeg = bytesOf(img.jpeg);
const MAX_BODY = 6 * 1024 * 1024; // wrangler.test.jsonc MAX_BODY_BYTES

async function expectError(res: Response, status: number, code: string, message?: RegExp): Promise<ErrorJson> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  expect(res.headers.get('X-Request-Id')).toBeTruthy();
  const body = JSON.parse(text) as ErrorJson;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  if (message) expect(body.error.message).toMatch(message);
  return body;
}

const post = (body: BodyInit | null, contentType?: string) =>
  call('/classify', { method: 'POST', body, headers: contentType ? { 'Content-Type': contentType } : {} });

const json = (value: unknown) => post(JSON.stringify(value), 'application/json');

function form(fill: (f: FormData) => void): FormData {
  const f = new FormData();
  fill(f);
  return f;
}

describe('400: the body is empty, not an image, or broken', () => {
  it('empty body', async () => {
    await expectError(await post(new Uint8Array(0), 'image/png'), 400, 'empty-body', /empty/);
    await expectError(await post(null, 'image/jpeg'), 400, 'empty-body');
    await expectError(await post(null), 400, 'empty-body');
  });

  it('bytes that are not an image', async () => {
    await expectError(await post(new TextEncoder().encode('hello, this is text'), 'image/png'), 400, 'not-an-image', /not a PNG or JPEG/);
  });

  it('an image in a format the API does not take', async () => {
    await expectError(await post(GIF_1X1, 'image/png'), 400, 'not-an-image', /GIF/);
  });

  it('truncated PNG and JPEG', async () => {
    await expectError(await post(png.slice(0, Math.floor(png.length / 2)), 'image/png'), 400, 'corrupt-image', /PNG/);
    await expectError(await post(jpeg.slice(0, Math.floor(jpeg.length / 2)), 'image/jpeg'), 400, 'corrupt-image', /JPEG/);
    await expectError(await post(png.slice(0, 20), 'image/png'), 400, 'corrupt-image', /header/);
  });

  it('a PNG whose compressed pixels are garbage', async () => {
    const broken = png.slice();
    for (let i = 60; i < broken.length - 20; i += 7) broken[i] ^= 0x5a;
    await expectError(await post(broken, 'image/png'), 400, 'corrupt-image');
  });
});

describe('400: canvas JSON and multipart forms that do not hold an image', () => {
  it('malformed JSON', async () => {
    await expectError(await post('{"width": 2,', 'application/json'), 400, 'invalid-request', /JSON/);
  });

  it('JSON with missing or wrong fields', async () => {
    await expectError(await json({ width: 2, height: 2 }), 400, 'invalid-request', /rgba/);
    await expectError(await json({ width: -2, height: 2, rgba: 'AAAA' }), 400, 'invalid-request', /width/);
    await expectError(await json({ width: 1.5, height: 2, rgba: 'AAAA' }), 400, 'invalid-request', /width/);
    await expectError(await json([1, 2, 3]), 400, 'invalid-request');
    await expectError(await json('just a string'), 400, 'invalid-request');
  });

  it('rgba that is not base64, or not width × height × 4 bytes', async () => {
    await expectError(await json({ width: 1, height: 3, rgba: '!!!!!!!!!!!!!!!!' }), 400, 'invalid-request', /base64/);
    await expectError(await json({ width: 2, height: 2, rgba: 'AAAA' }), 400, 'invalid-request', /2x2/);
  });

  it('a form without one "image" file', async () => {
    await expectError(await post(form((f) => f.append('picture', new File([png], 'o.png')))), 400, 'invalid-request', /"image"/);
    await expectError(await post(form((f) => f.append('image', 'not a file'))), 400, 'invalid-request', /"image"/);
    await expectError(
      await post(form((f) => (f.append('image', new File([png], 'a.png')), f.append('image', new File([png], 'b.png'))))),
      400,
      'invalid-request',
      /one file/,
    );
  });

  it('a form whose "image" file is empty or not an image', async () => {
    await expectError(await post(form((f) => f.append('image', new File([], 'empty.png')))), 400, 'empty-body', /"image" file/);
    await expectError(await post(form((f) => f.append('image', new File(['plain text'], 'notes.txt')))), 400, 'not-an-image', /"image" file/);
  });

  it('malformed multipart', async () => {
    const body = '--abc\r\nContent-Disposition: form-data; name="image"; filename="x.png"\r\n\r\nno closing boundary';
    await expectError(await post(body, 'multipart/form-data; boundary=xyz'), 400, 'invalid-request', /FormData/);
    await expectError(await post('hello', 'multipart/form-data'), 400, 'invalid-request');
  });
});

describe('415: a content type POST /classify does not read', () => {
  it.each(['text/plain', 'image/gif', 'image/webp', 'application/x-www-form-urlencoded', 'application/octet-stream'])('%s', async (type) => {
    const body = await expectError(await post(png, type), 415, 'unsupported-media-type', /image\/png, image\/jpeg, multipart\/form-data, application\/json/);
    expect(body.error.message).toMatch(/^Content-Type /);
  });

  it('no content type at all', async () => {
    await expectError(await post(png), 415, 'unsupported-media-type', /Content-Type/);
  });
});

describe('413: too large, found before the pixels are decoded', () => {
  it('a body over the limit, declared in Content-Length', async () => {
    await expectError(await post(new Uint8Array(MAX_BODY + 1), 'image/png'), 413, 'payload-too-large', new RegExp(String(MAX_BODY)));
  });

  it('a streamed body that passes the limit', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY + 1024 * 1024) return controller.close();
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    await expectError(await post(stream, 'image/png'), 413, 'payload-too-large');
  });

  it('a 20,000 × 20,000 PNG of a few KB', async () => {
    const bomb = await pngDeclaring(20_000, 20_000);
    expect(bomb.length).toBeLessThan(4096);
    await expectError(await post(bomb, 'image/png'), 413, 'image-too-large', /20000x20000/);
    const viaForm = form((f) => f.append('image', new File([bomb], 'bomb.png')));
    await expectError(await post(viaForm), 413, 'image-too-large');
  });

  it('a JPEG whose header declares 30,000 × 30,000', async () => {
    await expectError(await post(jpegDeclaring(jpeg, 30_000, 30_000), 'image/jpeg'), 413, 'image-too-large', /30000x30000/);
  });

  it('an image just over the pixel limit, and canvas JSON over it', async () => {
    await expectError(await post(await pngDeclaring(1100, 1000), 'image/png'), 413, 'image-too-large', /1048576 pixels/);
    await expectError(await json({ width: 20_000, height: 20_000, rgba: 'AAAA' }), 413, 'image-too-large', /20000x20000/);
  });
});

describe('405 and 404', () => {
  it('the wrong method on a known path says which methods work', async () => {
    const get = await call('/classify');
    await expectError(get, 405, 'method-not-allowed', /POST/);
    expect(get.headers.get('Allow')).toBe('POST');
    const put = await call('/health', { method: 'PUT', body: 'x' });
    await expectError(put, 405, 'method-not-allowed');
    expect(put.headers.get('Allow')).toBe('GET, HEAD');
    await expectError(await call('/model', { method: 'DELETE' }), 405, 'method-not-allowed');
  });

  it('an unknown path', async () => {
    await expectError(await call('/nope'), 404, 'not-found', /GET \/nope/);
    await expectError(await call('/classify/extra', { method: 'POST', body: png, headers: { 'Content-Type': 'image/png' } }), 404, 'not-found');
  });
});
