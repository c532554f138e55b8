import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { adapterFrom, DAWN_OPTIONS, type GpuAdapter } from './dawn.js';

const require = createRequire(import.meta.url);

export type GpuProbe = { adapter: GpuAdapter } | { adapter: null; reason: string };

/**
 * Whether a Linux machine has a GPU device node at all: a DRM render node (AMD, Intel, NVIDIA open
 * drivers), NVIDIA's /dev/nvidia0, or WSL's /dev/dxg. Without one, Dawn can only offer a software
 * adapter, which 'auto' would not take anyway: the probe (a second of a loaded CPU) is skipped.
 */
export function linuxHasGpuDevice(dev = '/dev'): boolean {
  if (existsSync(`${dev}/nvidia0`) || existsSync(`${dev}/dxg`)) return true;
  try {
    return readdirSync(`${dev}/dri`).some((name) => name.startsWith('renderD'));
  } catch {
    return false;
  }
}

/** What 'auto' asks: nothing at all on a Linux machine without a GPU device, else Dawn (askDawn). */
export async function probeGpu(): Promise<GpuProbe> {
  if (process.platform === 'linux' && !linuxHasGpuDevice()) return { adapter: null, reason: 'no GPU device (/dev/dri/renderD*, /dev/nvidia0, /dev/dxg)' };
  return askDawn();
}

/**
 * What adapter Dawn would give, asked in a child process so that `auto` on a machine without a GPU
 * stays quiet (Dawn and Mesa print their reasons to stderr) and a crashing driver cannot take the
 * trainer down with it. About 0.3 s; nothing is loaded into this process.
 */
export async function askDawn(timeoutMs = 20_000): Promise<GpuProbe> {
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
