import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModelCard } from '@inkling/core';
import type { Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = resolve(here, '..');
/** The shipped default model, which the edge API serves too. */
export const DEFAULT_MODEL_DIR = resolve(appRoot, '..', '..', 'models', 'ox');
/** Where the page serves it from (`/models/ox/model.json`, `/models/ox/card.json`, weights). */
const URL_PREFIX = '/models/ox/';

export class MissingModelError extends Error {
  override readonly name = 'MissingModelError';
}

/** The model folder to ship: INKLING_MODEL_DIR (relative to apps/web) or the repo's models/ox. */
export function modelDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.INKLING_MODEL_DIR;
  if (!dir) return DEFAULT_MODEL_DIR;
  return isAbsolute(dir) ? dir : resolve(appRoot, dir);
}

/**
 * The files of the graph model in `dir` (model.json, every weights file its manifest names,
 * card.json), checked: a missing or unreadable model stops the build with a message saying what to do.
 */
export function readModelFiles(dir: string): Map<string, string> {
  const help =
    'The page ships the same model as the edge API: models/ox (model.json, weights, card.json) is produced by ' +
    'the training run (`npx turbo run train`). For development without it, run ' +
    '`node scripts/make-fixture-model.mjs` in apps/web and build with INKLING_MODEL_DIR=.fixture/models/ox.';
  const need = (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new MissingModelError(`apps/web: no model found: ${path} does not exist. ${help}`);
    return path;
  };
  const files = new Map<string, string>();
  const modelJsonPath = need('model.json');
  const cardPath = need('card.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(modelJsonPath, 'utf8')).weightsManifest;
  } catch (err) {
    throw new MissingModelError(`apps/web: ${modelJsonPath} is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new MissingModelError(`apps/web: ${modelJsonPath} has no weightsManifest; is it a tfjs graph model?`);
  }
  try {
    parseModelCard(JSON.parse(readFileSync(cardPath, 'utf8')));
  } catch (err) {
    throw new MissingModelError(`apps/web: ${cardPath} is not a valid model card: ${(err as Error).message}`);
  }
  files.set('model.json', modelJsonPath);
  files.set('card.json', cardPath);
  for (const group of manifest as Array<{ paths?: unknown }>) {
    for (const p of Array.isArray(group.paths) ? group.paths : []) {
      if (typeof p !== 'string' || p.includes('..') || p.startsWith('/')) throw new MissingModelError(`apps/web: ${modelJsonPath} names an unsafe weights path "${String(p)}"`);
      files.set(p, need(p));
    }
  }
  return files;
}

/** Copies the model into dist/models/ox/ on build and serves it from its folder in `vite` dev. */
export function modelAssets(dir: string = modelDir()): Plugin {
  let files: Map<string, string>;
  return {
    name: 'inkling-model-assets',
    buildStart() {
      files = readModelFiles(dir);
    },
    configureServer(server) {
      files = readModelFiles(dir);
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (!path.startsWith(URL_PREFIX)) return next();
        const file = files.get(decodeURIComponent(path.slice(URL_PREFIX.length)));
        if (!file) return next();
        res.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [name, path] of files) {
        this.emitFile({ type: 'asset', fileName: `models/ox/${name}`, source: readFileSync(path) });
      }
    },
  };
}
