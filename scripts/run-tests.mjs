#!/usr/bin/env node
// `npm test`: runs every workspace's tests through turbo (one at a time: the machines have two
// cores and several suites start workerd or Chromium), then prints the totals across workspaces
// from each one's vitest JSON report as one line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const dirs = spawnSync('npm', ['query', '.workspace'], { cwd: root, encoding: 'utf8' });
const locations = JSON.parse(dirs.stdout || '[]').map((w) => w.location);
if (locations.length === 0) throw new Error(`no workspaces found (${workspaces.join(', ')})`);

for (const dir of locations) rmSync(join(root, dir, 'test-results'), { recursive: true, force: true });

const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--continue', '--concurrency=1', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of locations) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  const report = join(root, dir, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    missing.push(dir);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // Skipped and todo tests: a suite skipped for a missing tool must show in the totals, not vanish.
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load counts no tests but must not pass silently.
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites;
  console.log(`${dir}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests ?? 0)} skipped`);
}
for (const dir of missing) console.log(`${dir}: no test report (its test run crashed or did not start)`);
failed += missing.length;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || turbo.status !== 0 ? 1 : 0);
