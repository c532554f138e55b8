import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-helpers.ts') ? [path] : [];
  });
}

describe('packages/core stays isomorphic', () => {
  it('imports nothing Node-only and nothing from the other packages', () => {
    const offenders: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.startsWith('node:') || ['fs', 'path', 'os', 'sharp', 'buffer', 'crypto'].includes(spec) || spec.startsWith('@inkling/')) {
          offenders.push(`${file.slice(SRC.length)} imports ${spec}`);
        }
      }
      if (/\bBuffer\.|\bprocess\.|\brequire\(/.test(text)) offenders.push(`${file.slice(SRC.length)} uses a Node global`);
    }
    expect(offenders).toEqual([]);
  });
});
