import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiBaseFrom, modelBaseUrl } from './config.js';

describe('apiBaseFrom', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses the page origin by default', () => {
    expect(apiBaseFrom('', undefined)).toBe('');
    expect(apiBaseFrom('?x=1', '')).toBe('');
  });

  it('prefers ?api= over the build-time address and drops trailing slashes', () => {
    expect(apiBaseFrom('?api=http%3A%2F%2F127.0.0.1%3A8787%2F', 'https://build.example.com')).toBe('http://127.0.0.1:8787');
    expect(apiBaseFrom('', 'https://api.example.com/v1/')).toBe('https://api.example.com/v1');
  });

  it('ignores addresses that are not http(s), with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(apiBaseFrom('?api=javascript:alert(1)', undefined)).toBe('');
    expect(apiBaseFrom('?api=not a url', 'https://fallback.example.com')).toBe('https://fallback.example.com');
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('modelBaseUrl', () => {
  it('puts the model next to the page, under the build base', () => {
    expect(modelBaseUrl('/')).toBe('/models/ox/');
    expect(modelBaseUrl('/inkling')).toBe('/inkling/models/ox/');
  });
});
