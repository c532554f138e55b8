#!/usr/bin/env node
// Prints what a phone downloads for the page, from the built dist/: the initial load (index.html and
// the files it references), the chunks loaded later (core on start-up, the decoder on the first
// upload, tfjs only for the in-browser fallback), the wasm binaries and the model, raw and gzip.
//   npm run build -w apps/web && node apps/web/scripts/size-report.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));
// The entry's own static imports load with it.
for (const name of [...initial]) {
  if (!name.endsWith('.js')) continue;
  const code = readFileSync(join(dist, name), 'utf8');
  for (const m of code.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) initial.add(`assets/${m[1]}`);
  for (const m of code.matchAll(/^import\s*"\.\/([^"]+\.js)"/gm)) initial.add(`assets/${m[1]}`);
}

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const rows = walk(dist)
  .map((path) => {
    const name = relative(dist, path);
    const bytes = readFileSync(path);
    const group = name === 'index.html' || initial.has(name) ? 'initial' : name.startsWith('models/') ? 'model' : name.endsWith('.wasm') ? 'wasm (fallback only)' : /\.(js|css)$/.test(name) ? 'lazy' : 'other';
    return { group, name, raw: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
  })
  .sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));

const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
let group = '';
const totals = {};
for (const r of rows) {
  if (r.group !== group) console.log(`\n${(group = r.group)}`);
  console.log(`  ${r.name.padEnd(52)}${kb(r.raw)}${kb(r.gzip)} gzip`);
  totals[r.group] = (totals[r.group] ?? 0) + r.gzip;
}
console.log('\ngzip totals:', Object.entries(totals).map(([g, n]) => `${g} ${kb(n).trim()}`).join(', '));
