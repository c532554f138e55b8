#!/usr/bin/env node
// Starts `wrangler dev` for this Worker, optionally bundling another model than models/ox, in its
// own process group so that stop() ends wrangler and workerd together. Used by the benchmark and
// the end-to-end test; as a command:
//   node scripts/dev-server.mjs [--model <dir with model.json, weights.bin, card.json>] [--port 8787]
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRunConfig } from './run-config.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts wrangler dev on 127.0.0.1 (port 0: any free port) and resolves once it answers GET /health.
 * Returns { url, readyMs, servesPage, stop() }; stop() kills the whole process group.
 */
export async function startDevServer({ modelDir, port = 8787, inspectorPort, assets = true, main, vars, timeoutMs = 120_000, log = () => {} } = {}) {
  if (port === 0) port = await freePort();
  inspectorPort ??= await freePort();
  const { path, servesPage } = writeRunConfig({ modelDir, name: String(port), assets, main, vars });
  const wrangler = join(pkgDir, 'node_modules', '.bin', 'wrangler');
  const bin = existsSync(wrangler) ? wrangler : resolve(pkgDir, '../../node_modules/.bin/wrangler');
  const t0 = performance.now();
  const child = spawn(
    bin,
    ['dev', '--config', path, '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false', '--log-level', 'warn'],
    { cwd: pkgDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' } },
  );
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exitedPromise = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
  // If this process ends without stop(), do not leave wrangler and workerd running.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    await exitedPromise;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}`;
  while (true) {
    if (exited) throw new Error(`wrangler dev exited (${JSON.stringify(exited)}) before it was ready:\n${output.slice(-4000)}`);
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`wrangler dev did not answer ${url}/health within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) {
        await res.arrayBuffer();
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, readyMs: performance.now() - t0, servesPage, inspectorPort, pid: child.pid, stop, output: () => output };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { model: { type: 'string' }, port: { type: 'string', default: '8787' } } });
  const server = await startDevServer({ modelDir: values.model, port: Number(values.port), log: (l) => console.log(l) });
  console.log(`serving on ${server.url} (ready in ${Math.round(server.readyMs)} ms${server.servesPage ? ', with the page' : ', API only: apps/web/dist is not built'}); Ctrl-C stops it`);
  const shutdown = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
