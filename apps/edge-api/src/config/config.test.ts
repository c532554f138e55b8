import { describe, expect, it } from 'vitest';
import { readConfig } from './index.js';

describe('readConfig', () => {
  it('reads the wrangler vars', () => {
    expect(readConfig({ CORS_ORIGINS: ' https://a.example ,https://b.example,', MAX_BODY_BYTES: '1000', MAX_IMAGE_PIXELS: '4096', MAX_IMAGE_SIDE: '64' })).toEqual({
      corsOrigins: ['https://a.example', 'https://b.example'],
      maxBodyBytes: 1000,
      maxImagePixels: 4096,
      maxImageSide: 64,
    });
  });

  it('has defaults for every var', () => {
    expect(readConfig({})).toEqual({ corsOrigins: [], maxBodyBytes: 6 * 1024 * 1024, maxImagePixels: 1024 * 1024, maxImageSide: 2048 });
    expect(readConfig(undefined)).toEqual(readConfig({}));
  });

  it('names the var that is wrong', () => {
    expect(() => readConfig({ MAX_BODY_BYTES: 'lots' })).toThrow(/invalid Worker configuration \(wrangler vars\): MAX_BODY_BYTES/);
    expect(() => readConfig({ MAX_IMAGE_SIDE: '-1' })).toThrow(/MAX_IMAGE_SIDE/);
  });
});
