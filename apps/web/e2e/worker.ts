import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelDir } from '../build/model-assets.js';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(appRoot, 'dist');

export interface Served {
  url: string;
  /** The model both the Worker and the page serve (name and version from its card). */
  model: { name: string; version: string; labels: string[] };
  stop(): Promise<void>;
}

interface DevServer {
  url: string;
  servesPage: boolean;
  stop(): Promise<void>;
}
type StartDevServer = (options: { modelDir?: string; port?: number; log?: (line: string) => void }) => Promise<DevServer>;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `wrangler dev` with the API bundling the model in `dir`, serving apps/web/dist beside it. */
export async function startWorker(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const script = resolve(appRoot, '..', 'edge-api', 'scripts', 'dev-server.mjs');
  const { startDevServer } = (await import(/* @vite-ignore */ script)) as { startDevServer: StartDevServer };
  // The inspector takes port + 1000; pick a port that leaves both free.
  let port = await freePort();
  while (port + 1000 > 65535) port = await freePort();
  const server = await startDevServer({ modelDir: dir, port });
  if (!server.servesPage) {
    await server.stop();
    throw new Error('the Worker does not serve apps/web/dist (wrangler assets)');
  }
  return { url: server.url, stop: () => server.stop() };
}

/**
 * The real Worker (apps/edge-api under `wrangler dev`, workerd) serving the built page from
 * apps/web/dist and the API from one origin, with the same model folder the page was built with.
 * INKLING_E2E_URL points the tests at one already running instead (e.g. `npm run dev -w apps/edge-api`).
 */
export async function serveWorker(): Promise<Served> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} is not built: run \`npm run build -w apps/web\` first`);
  const pageCard = JSON.parse(readFileSync(join(DIST, 'models', 'ox', 'card.json'), 'utf8')) as { name: string; version: string; labels: string[] };
  let url = process.env.INKLING_E2E_URL?.replace(/\/+$/, '');
  let stop = async () => {};
  if (!url) ({ url, stop } = await startWorker(modelDir()));
  try {
    const health = (await (await fetch(`${url}/health`)).json()) as { model?: { name: string; version: string } };
    const served = health.model;
    if (!served || served.name !== pageCard.name || served.version !== pageCard.version) {
      throw new Error(
        `the Worker serves model ${JSON.stringify(served)} but the page was built with ${pageCard.name} ${pageCard.version}: ` +
          'build the page with the same model folder (INKLING_MODEL_DIR) the Worker uses',
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, model: { name: pageCard.name, version: pageCard.version, labels: pageCard.labels }, stop };
}
