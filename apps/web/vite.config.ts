import { defineConfig } from 'vite';
import { modelAssets } from './build/model-assets.js';
import { offline } from './build/offline.js';

// `npm run dev -w apps/edge-api` (wrangler dev) answers the API on 127.0.0.1:8787; the page's own dev
// server forwards the API paths there. /models/ox/ is served by the plugin, not proxied.
const EDGE = process.env.INKLING_EDGE_URL ?? 'http://127.0.0.1:8787';
const proxy = {
  '^/(classify|health|model)(\\?.*)?$': { target: EDGE, changeOrigin: true },
};

export default defineConfig({
  // offline() after modelAssets(): the service worker's plan lists the model files that plugin emits.
  plugins: [modelAssets(), offline()],
  build: {
    target: 'es2022',
    // tfjs's wasm binaries must stay files (setWasmPaths fetches them), never data: URLs.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    reportCompressedSize: true,
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
});
