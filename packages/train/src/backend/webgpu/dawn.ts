import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What Dawn says about the adapter it would train on (GPUAdapterInfo's fields). */
export interface GpuAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software rasteriser (SwiftShader, lavapipe/llvmpipe, WARP): a CPU, not a GPU. */
  software: boolean;
}

/** The parts of npm `webgpu` (Dawn's Node bindings) Inkling uses. */
export interface DawnModule {
  create(options: string[]): GPU;
  globals: object;
}

/** The SwiftShader Vulkan driver Debian's chromium package ships: CI's (slow) WebGPU device. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render/i;

/** "vendor architecture description", for the log line, config.json and the card. */
export function describeAdapter(a: GpuAdapter): string {
  const words = [a.vendor, a.architecture, a.description || a.device].map((s) => s.trim()).filter((s) => s !== '');
  return words.length > 0 ? words.join(' ') : 'unnamed adapter';
}

/**
 * GPUAdapterInfo as a plain object. Dawn flags SwiftShader with isFallbackAdapter; the name check
 * also catches software drivers that do not say so (Mesa's lavapipe reports itself as a CPU device).
 */
export function adapterFrom(info: GPUAdapterInfo): GpuAdapter {
  const { vendor = '', architecture = '', device = '', description = '' } = info;
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { vendor, architecture, device, description, software: fallback || SOFTWARE.test(`${vendor} ${architecture} ${device} ${description}`) };
}

/** Loads npm `webgpu` on first use: it is an optional dependency, and loading Dawn costs ~0.1 s. */
export async function loadDawn(load: () => Promise<unknown> = () => import('webgpu')): Promise<DawnModule> {
  try {
    return (await load()) as DawnModule;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`it needs the optional npm package "webgpu" (Dawn's Node bindings), which does not load here (${why}); install it with npm install webgpu@0.6.2`);
  }
}

/**
 * Why Dawn may see no adapter on Linux: the Vulkan loader (libvulkan.so.1) is missing, or it finds
 * no driver. Looked up the way the dynamic loader would, roughly; only used to word the error.
 */
export function noAdapterHint(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS: Dawn uses Metal, which needs a Mac with a Metal GPU';
  if (platform === 'win32') return 'Windows: Dawn uses D3D12; update the GPU driver';
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(delimiter).filter(Boolean), '/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'];
  if (!dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')))) return 'Linux: the Vulkan loader libvulkan.so.1 is missing (Debian/Ubuntu: apt-get install libvulkan1) and so is any GPU driver it would load';
  if (env.VK_ICD_FILENAMES && !env.VK_ICD_FILENAMES.split(delimiter).some((f) => existsSync(f))) return `Linux: VK_ICD_FILENAMES names no existing file (${env.VK_ICD_FILENAMES})`;
  return "Linux: Vulkan finds no usable GPU driver (install the GPU vendor's Vulkan driver: NVIDIA's, or Mesa's radv/anv via mesa-vulkan-drivers)";
}

/**
 * Dawn's options. On Linux only Vulkan: Dawn's OpenGL ES backend is a compatibility mode, and probing
 * it through Mesa's EGL prints errors on machines without a display.
 */
export const DAWN_OPTIONS: string[] = process.platform === 'linux' ? ['backend=vulkan'] : [];

/**
 * Asks Dawn for its high-performance adapter (the one tfjs-backend-webgpu would ask for). `null`
 * when Dawn finds none; Dawn prints its own reasons (a missing Vulkan loader, a refused driver) to stderr.
 */
export async function requestAdapter(dawn: DawnModule): Promise<{ gpu: GPU; adapter: GPUAdapter } | null> {
  const gpu = dawn.create(DAWN_OPTIONS);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  return adapter ? { gpu, adapter } : null;
}
