import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/**
 * Lets tfjs-backend-wasm's threaded build start its pthread workers under Node, for the duration of
 * `run` (the backend's start-up, when Emscripten creates all of its workers).
 *
 * tfjs turns threads off in Node (WASM_HAS_MULTITHREAD_SUPPORT is false there), and forcing the flag
 * fails: Emscripten hands `new Worker()` a `blob:` URL for its worker script and for the main
 * script, and Node's worker_threads only take file paths. So, while the backend starts:
 * - `Blob`s built from strings remember their text, and `URL.createObjectURL` writes such a blob to
 *   a temporary .js file and returns its path;
 * - the worker script gets a small wrapper that swaps the main-script Blob in its `load` message for
 *   the file holding that script (with the `require$$N` aliases of tfjs's rollup bundle defined);
 * - `os.cpus()` reports at least 2 × threads CPUs, because the backend caps its pool at
 *   `emscripten_num_logical_cores() / 2` (it assumes 2 hyper-threads per core), which is 1 on a
 *   2-vCPU machine.
 * Everything is put back afterwards; the files are removed when the process exits.
 */
export async function withNodeWasmThreads<T>(threads: number, run: () => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(os.tmpdir(), 'inkling-wasm-threads-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const OriginalBlob = globalThis.Blob;
  const originalCreateObjectURL = URL.createObjectURL;
  const originalCpus = os.cpus;
  const sources = new WeakMap<Blob, string>();
  let mainScriptPath: string | null = null;
  let fileCount = 0;

  type BlobArgs = ConstructorParameters<typeof Blob>;
  class SourceBlob extends OriginalBlob {
    constructor(parts: BlobArgs[0], options?: BlobArgs[1]) {
      super(parts, options);
      if (parts.every((p) => typeof p === 'string')) {
        const text = (parts as string[]).join('');
        sources.set(this, text);
        if (text.startsWith('var WasmBackendModuleThreadedSimd')) {
          mainScriptPath = join(dir, 'main.js');
          const aliases =
            "var require$$0=require('fs'),require$$1=require('path'),require$$2=require('worker_threads')," +
            "require$$3=require('perf_hooks'),require$$4=require('os'),commonjsGlobal=globalThis;\n";
          writeFileSync(mainScriptPath, aliases + text);
        }
      }
    }
  }
  const createObjectURL = (blob: Blob): string => {
    const text = sources.get(blob);
    if (text == null) return originalCreateObjectURL.call(URL, blob);
    const path = join(dir, `worker-${fileCount++}.js`);
    const swapMainScript =
      `\n;(function(){var onmessage=self.onmessage;self.onmessage=function(e){` +
      `if(e&&e.data&&e.data.cmd==='load'&&typeof e.data.urlOrBlob!=='string'){e.data.urlOrBlob=${JSON.stringify(mainScriptPath)};}` +
      `return onmessage(e);};})();\n`;
    writeFileSync(path, text + swapMainScript);
    return path;
  };

  globalThis.Blob = SourceBlob;
  URL.createObjectURL = createObjectURL;
  os.cpus = () => {
    const cpus = originalCpus.call(os);
    const wanted = Math.max(cpus.length, 2 * threads);
    return Array.from({ length: wanted }, (_, i) => cpus[i % cpus.length]!);
  };
  try {
    return await run();
  } finally {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = originalCreateObjectURL;
    os.cpus = originalCpus;
  }
}

interface PThreadInternals {
  PThread?: { runningWorkers?: Array<{ unref?: () => void }>; unusedWorkers?: Array<{ unref?: () => void }> };
}

/**
 * Emscripten keeps its running pthread workers referenced, so Node would never exit once they are
 * up. XNNPACK talks to them through shared memory, not the event loop, so they can be unref'd.
 */
export function unrefWasmThreads(wasmModule: object): void {
  const pthread = (wasmModule as PThreadInternals).PThread;
  for (const worker of [...(pthread?.runningWorkers ?? []), ...(pthread?.unusedWorkers ?? [])]) worker.unref?.();
}
