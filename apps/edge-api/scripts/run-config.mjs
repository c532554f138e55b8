// A wrangler config for one run of this Worker (dev server, bench, end-to-end test): wrangler.jsonc
// with absolute paths, optionally another model than models/ox, and the page's assets only when
// apps/web/dist has been built. Written under .wrangler/run/<name>/ (git-ignored).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWranglerConfig } from './wrangler-config.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A wrangler config for this run: wrangler.jsonc with absolute paths, the chosen model and entry (`main`). */
export function writeRunConfig({ modelDir, name = 'default', assets = true, main, vars = {} } = {}) {
  const base = readWranglerConfig(join(pkgDir, 'wrangler.jsonc'));
  const runDir = join(pkgDir, '.wrangler', 'run', name);
  mkdirSync(runDir, { recursive: true });
  let modelModule = resolve(pkgDir, base.alias['inkling-model']);
  if (modelDir) {
    const dir = resolve(modelDir);
    for (const f of ['model.json', 'weights.bin', 'card.json']) {
      if (!existsSync(join(dir, f))) throw new Error(`${dir} has no ${f}; a served model needs model.json, weights.bin and card.json`);
    }
    modelModule = join(runDir, 'model.ts');
    writeFileSync(
      modelModule,
      [
        `import card from ${JSON.stringify(join(dir, 'card.json'))};`,
        `import modelJson from ${JSON.stringify(join(dir, 'model.json'))};`,
        `import weights from ${JSON.stringify(join(dir, 'weights.bin'))};`,
        'export default { card, modelJson, weights };',
        '',
      ].join('\n'),
    );
  }
  const assetsDir = resolve(pkgDir, base.assets.directory);
  const { $schema: _schema, ...rest } = base;
  const config = {
    ...rest,
    main: resolve(pkgDir, main ?? base.main),
    vars: { ...base.vars, ...vars },
    alias: { ...base.alias, 'inkling-model': modelModule },
    assets: assets && existsSync(assetsDir) ? { ...base.assets, directory: assetsDir } : undefined,
  };
  const path = join(runDir, 'wrangler.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return { path, servesPage: config.assets !== undefined };
}

