import { describe, expect, it } from 'vitest';
import { apiUrl, buildClassifyRequest, bytesToBase64, uploadTypeOf } from './request.js';

describe('bytesToBase64', () => {
  it('matches standard base64 for every padding case and for images larger than one chunk', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 0x8000 - 1, 0x8000, 0x8000 + 1, 256 * 256 * 4]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 7) & 0xff;
      expect(bytesToBase64(bytes), `${n} bytes`).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('encodes a Uint8ClampedArray (ImageData.data) byte for byte', () => {
    const clamped = new Uint8ClampedArray([0, 255, 128, 1, 254]);
    expect(bytesToBase64(clamped)).toBe(Buffer.from(clamped).toString('base64'));
  });
});

describe('buildClassifyRequest', () => {
  it('sends canvas pixels as JSON whose rgba decodes to exactly the ImageData bytes', () => {
    const rgba = new Uint8ClampedArray(3 * 2 * 4).map((_, i) => (i * 37) & 0xff);
    const { url, init } = buildClassifyRequest('', { kind: 'pixels', width: 3, height: 2, rgba });
    expect(url).toBe('/classify');
    expect(init.method).toBe('POST');
    expect(init.headers['content-type']).toBe('application/json');
    const body = JSON.parse(init.body as string) as { width: number; height: number; rgba: string };
    expect(body.width).toBe(3);
    expect(body.height).toBe(2);
    expect(Array.from(Buffer.from(body.rgba, 'base64'))).toEqual(Array.from(rgba));
    expect(Object.keys(body).sort()).toEqual(['height', 'rgba', 'width']);
  });

  it('refuses pixels whose length does not fit the size', () => {
    expect(() => buildClassifyRequest('', { kind: 'pixels', width: 4, height: 4, rgba: new Uint8Array(60) })).toThrow(/60 bytes; 4x4 needs 64/);
  });

  it('sends an upload as the file bytes with its own content type', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
    const { url, init } = buildClassifyRequest('https://api.example.com/', { kind: 'file', bytes, type: 'image/jpeg' });
    expect(url).toBe('https://api.example.com/classify');
    expect(init.headers['content-type']).toBe('image/jpeg');
    expect(init.body).toBe(bytes);
  });
});

describe('apiUrl', () => {
  it('uses the page origin when no base is set and joins bases without doubling slashes', () => {
    expect(apiUrl('', '/health')).toBe('/health');
    expect(apiUrl('http://127.0.0.1:8787', '/classify')).toBe('http://127.0.0.1:8787/classify');
    expect(apiUrl('https://x.dev/api//', '/classify')).toBe('https://x.dev/api/classify');
  });
});

describe('uploadTypeOf', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xdb]);
  it('reads PNG and JPEG from the magic bytes and refuses anything else', () => {
    expect(uploadTypeOf(png)).toBe('image/png');
    expect(uploadTypeOf(jpeg)).toBe('image/jpeg');
    expect(uploadTypeOf(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(uploadTypeOf(png.subarray(0, 4))).toBeNull();
    expect(uploadTypeOf(new Uint8Array())).toBeNull();
  });
});
