/**
 * The URL of a worker script beside `from` (an import.meta.url). Workers run the built JavaScript:
 * under vitest the calling module is a src/*.ts file, so the script is taken from dist/ instead
 * (the test task builds first).
 */
export function workerUrl(from: string, script: string): URL {
  const url = new URL(script, from);
  if (!from.endsWith('.ts')) return url;
  const at = url.pathname.lastIndexOf('/src/');
  if (at < 0) return url;
  return new URL(`file://${url.pathname.slice(0, at)}/dist/${url.pathname.slice(at + 5)}`);
}
