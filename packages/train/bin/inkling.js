#!/usr/bin/env node
// The `inkling` command. The TypeScript sources are compiled to dist/ by `npm ci` (the root's
// prepare script) or `npx turbo run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('inkling: packages/train is not built yet. Run `npx turbo run build` (npm ci does it for you) and try again.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
