import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseModelCard } from '@inkling/core';
import type { Plugin } from 'vite';
import { fitsInBrowser } from '../src/model/fallback-size.js';
import { modelCacheName, pageCacheName, type OfflinePlan } from '../src/offline/plan.js';

const SW_SOURCE = resolve(import.meta.dirname, '..', 'src', 'offline', 'sw.ts');
// The minifier may quote the placeholder with ', " or a backtick; the whole literal is replaced.
const PLACEHOLDER = /(["'`])__INKLING_OFFLINE_PLAN__\1/;
/** Public files that are not for the browser to keep (the host's header rules). */
const NOT_CACHED = new Set(['_headers', 'sw.js']);

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

/**
 * The offline plan for a build: every file the page may load (index.html as '/', its chunks, tfjs's
 * .wasm, the card, public files) in a page cache named after their contents, and model.json + weights
 * in a model cache named after the card (unless the model is over the page's fallback size).
 */
export function offlinePlan(files: ReadonlyMap<string, Uint8Array | string>, base = '/'): OfflinePlan {
  const cardFile = files.get('models/ox/card.json');
  if (cardFile === undefined) throw new Error('apps/web offline: the build has no models/ox/card.json');
  const card = parseModelCard(JSON.parse(typeof cardFile === 'string' ? cardFile : Buffer.from(cardFile).toString('utf8')));
  const modelFiles = new Set([card.files.model, ...card.files.weights].map((f) => `models/ox/${f}`));
  const pageNames = [...files.keys()].filter((n) => !modelFiles.has(n) && !NOT_CACHED.has(n) && !n.endsWith('.map')).sort();
  const fingerprint = createHash('sha256');
  for (const name of pageNames) fingerprint.update(name).update('\0').update(files.get(name) ?? '').update('\0');
  const url = (name: string) => (name === 'index.html' ? base : `${base}${name}`);
  return {
    page: { cache: pageCacheName(fingerprint.digest('hex').slice(0, 16)), paths: pageNames.map(url) },
    model: fitsInBrowser(card) ? { cache: modelCacheName(card), paths: [...modelFiles].sort().map(url) } : null,
  };
}

/**
 * Builds src/offline/sw.ts into dist/sw.js (its own entry, no imports) and writes this build's plan
 * into it. Runs after the model-assets plugin, whose model files are then in the bundle.
 */
export function offline(): Plugin {
  let base = '/';
  let publicDir = '';
  return {
    name: 'inkling-offline',
    apply: 'build',
    configResolved(config) {
      base = config.base;
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: SW_SOURCE, fileName: 'sw.js' });
    },
    // After the files are written: only then is index.html (Vite's HTML plugin) surely in the bundle.
    writeBundle(options, bundle) {
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('apps/web offline: sw.js was not built');
      if (sw.imports.length > 0 || sw.dynamicImports.length > 0) throw new Error(`apps/web offline: sw.js must stand alone but imports ${[...sw.imports, ...sw.dynamicImports].join(', ')}`);
      const files = new Map<string, Uint8Array | string>();
      for (const [name, out] of Object.entries(bundle)) files.set(name, out.type === 'chunk' ? out.code : out.source);
      if (publicDir) for (const path of walk(publicDir)) files.set(relative(publicDir, path).split('\\').join('/'), readFileSync(path));
      const plan = offlinePlan(files, base);
      if (!PLACEHOLDER.test(sw.code)) throw new Error('apps/web offline: the plan placeholder is missing from sw.js');
      const out = join(options.dir ?? 'dist', 'sw.js');
      writeFileSync(`${out}.tmp`, sw.code.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(plan))));
      renameSync(`${out}.tmp`, out);
    },
  };
}
