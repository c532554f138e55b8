import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * Starts tfjs's WASM backend from a module workerd has already compiled.
 *
 * Workers refuse to compile WebAssembly from bytes at run time (`WebAssembly.compile`,
 * `instantiate(bytes)` and `new WebAssembly.Module` all throw "Wasm code generation disallowed by
 * embedder"), so the `.wasm` file has to arrive as a `WebAssembly.Module` through wrangler's
 * `CompiledWasm` rule. tfjs-backend-wasm 4.22.0 has no public way to take one: its `init()` builds
 * the emscripten config itself and only installs an `instantiateWasm` hook when
 * `setWasmPaths(..., usePlatformFetch = true)`. That hook fetches the binary with
 * `tf.env().platform.fetch` and calls `WebAssembly.instantiate(bytes, imports)`; for the length of
 * `tf.setBackend('wasm')` we answer the fetch with an empty body and swap the bytes for the module.
 *
 * This leans on tfjs internals, which is why tfjs is pinned to exactly 4.22.0 and
 * `backend.test.ts` fails loudly if the adapter stops giving a working `wasm` backend.
 */
export async function startWasmBackend(module: WebAssembly.Module): Promise<void> {
  if (tf.getBackend() === 'wasm') return;
  // The SIMD build is the one tfjs asks for when WebAssembly.validate accepts SIMD (workerd does)
  // and threads are unavailable (no SharedArrayBuffer workers in Workers).
  const expected = 'tfjs-backend-wasm-simd.wasm';
  const marker = 'precompiled:';
  setWasmPaths(
    {
      'tfjs-backend-wasm.wasm': `${marker}tfjs-backend-wasm.wasm`,
      'tfjs-backend-wasm-simd.wasm': `${marker}${expected}`,
      'tfjs-backend-wasm-threaded-simd.wasm': `${marker}tfjs-backend-wasm-threaded-simd.wasm`,
    },
    true,
  );

  let failInit: (reason: unknown) => void = () => {};
  // tfjs's hook has no error path: a failed instantiate would leave setBackend pending forever.
  const initFailed = new Promise<never>((_, reject) => (failInit = reject));

  const restore = [
    patchPlatformFetch((path) => {
      if (path !== `${marker}${expected}`) failInit(new Error(`tfjs asked for ${path.slice(marker.length)}; only ${expected} is bundled`));
    }, marker),
    patchInstantiate(module, (err) => failInit(err)),
    hideNodeProcess(),
  ];
  try {
    const ok = await Promise.race([tf.setBackend('wasm'), initFailed]);
    if (!ok) throw new Error('tf.setBackend("wasm") returned false');
    await tf.ready();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

type Undo = () => void;

interface FetchLike {
  fetch(path: string, init?: RequestInit): Promise<unknown>;
}

/**
 * Answers tfjs's fetch of the `.wasm` path with an empty body. A plain object, not a Response:
 * reading a Response body is I/O, which workerd does not allow while the module is still being
 * evaluated (a top-level await would then never settle).
 */
function patchPlatformFetch(onPath: (path: string) => void, marker: string): Undo {
  const platform = tf.env().platform as unknown as FetchLike;
  const original = platform.fetch;
  platform.fetch = (path: string, init?: RequestInit) => {
    if (!path.startsWith(marker)) return original.call(platform, path, init);
    onPath(path);
    return Promise.resolve({ ok: true, arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)) });
  };
  return () => {
    platform.fetch = original;
  };
}

interface Instantiate {
  instantiate(source: unknown, imports?: WebAssembly.Imports): Promise<unknown>;
}

/** `WebAssembly.instantiate(bytes, imports)` becomes an instantiation of the pre-compiled module. */
function patchInstantiate(module: WebAssembly.Module, onError: (err: unknown) => void): Undo {
  const wasm = WebAssembly as unknown as Instantiate;
  const original = wasm.instantiate;
  wasm.instantiate = (source: unknown, imports?: WebAssembly.Imports) => {
    if (source instanceof WebAssembly.Module) return original.call(WebAssembly, source, imports);
    const result = (original.call(WebAssembly, module, imports) as Promise<WebAssembly.Instance>).then((instance) => ({ instance, module }));
    result.catch(onError);
    return result;
  };
  return () => {
    wasm.instantiate = original;
  };
}

/**
 * With `nodejs_compat` (or newer compatibility dates) workerd has a global `process` with
 * `process.versions.node`; the emscripten glue then takes its Node.js path and fails on
 * `__dirname`. Hide it while the glue starts.
 */
function hideNodeProcess(): Undo {
  const g = globalThis as Record<string, unknown>;
  const descriptor = Object.getOwnPropertyDescriptor(g, 'process');
  const proc = g.process as { versions?: { node?: unknown } } | undefined;
  if (!descriptor?.configurable || typeof proc?.versions?.node !== 'string') return () => {};
  Object.defineProperty(g, 'process', { value: undefined, configurable: true, writable: true });
  return () => {
    Object.defineProperty(g, 'process', descriptor);
  };
}
