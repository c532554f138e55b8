// What `wrangler types` would generate: the main module's exports and the bindings, so that
// `import { env, exports } from 'cloudflare:workers'` is typed in tests.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../index.js');
  }
  interface Env extends import('../config/index.js').Bindings {}
}
