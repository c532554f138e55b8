import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { adapterFrom, DAWN_OPTIONS, type GpuAdapter } from './dawn.js';

const require = createRequire(import.meta.url);

export type GpuProbe = { adapter: GpuAdapter } | { adapter: null; reason: string };

/**
 * What adapter Dawn would give, asked in a child process so that `auto` on a machine without a GPU
 * stays quiet (Dawn and Mesa print their reasons to stderr) and a crashing driver cannot take the
 * trainer down with it. About 0.3 s; nothing is loaded into this process.
 */
export async function probeGpu(timeoutMs = 20_000): Promise<GpuProbe> {
  let entry: string;
  try {
    entry = pathToFileURL(require.resolve('webgpu')).href;
  } catch {
    return { adapter: null, reason: 'the optional npm package "webgpu" is not installed' };
  }
  const script = `
    const { create } = await import(${JSON.stringify(entry)});
    const a = await create(${JSON.stringify(DAWN_OPTIONS)}).requestAdapter({ powerPreference: 'high-performance' });
    const i = a && a.info;
    process.stdout.write(JSON.stringify(i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, isFallbackAdapter: i.isFallbackAdapter } : null));
    process.exit(0);
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'ignore'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', (err) => resolve({ adapter: null, reason: `the probe did not run (${err.message})` }));
    child.on('close', (code, signal) => {
      if (code !== 0) return resolve({ adapter: null, reason: `the probe ${signal ? `was killed (${signal})` : `exited with code ${code}`}` });
      try {
        const info = JSON.parse(out) as GPUAdapterInfo | null;
        resolve(info ? { adapter: adapterFrom(info) } : { adapter: null, reason: 'Dawn found no adapter' });
      } catch {
        resolve({ adapter: null, reason: 'the probe printed no answer' });
      }
    });
  });
}
