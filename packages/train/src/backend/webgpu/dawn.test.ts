import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapterFrom, describeAdapter, loadDawn, noAdapterHint } from './dawn.js';
import { linuxHasGpuDevice } from './probe.js';

const info = (fields: Partial<GPUAdapterInfo & { isFallbackAdapter: boolean }>) => fields as GPUAdapterInfo;

describe('adapterFrom', () => {
  it('takes a GPU as a GPU, and names it vendor, architecture, description', () => {
    const a = adapterFrom(info({ vendor: 'nvidia', architecture: 'ampere', device: '0x2204', description: 'NVIDIA GeForce RTX 3090' }));
    expect(a.software).toBe(false);
    expect(describeAdapter(a)).toBe('nvidia ampere NVIDIA GeForce RTX 3090');
  });

  it('takes SwiftShader, lavapipe and WARP for the CPUs they are', () => {
    expect(adapterFrom(info({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0', isFallbackAdapter: true })).software).toBe(true);
    expect(adapterFrom(info({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' })).software).toBe(true);
    expect(adapterFrom(info({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).software).toBe(true);
    expect(adapterFrom(info({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).software).toBe(true);
  });

  it('describes an adapter that gives no names, and falls back to the device id', () => {
    expect(describeAdapter(adapterFrom(info({})))).toBe('unnamed adapter');
    expect(describeAdapter(adapterFrom(info({ vendor: 'apple', device: 'm2' })))).toBe('apple m2');
  });
});

describe('noAdapterHint', () => {
  it('says what to install or check, per platform', () => {
    expect(noAdapterHint({}, 'darwin')).toMatch(/Metal/);
    expect(noAdapterHint({}, 'win32')).toMatch(/D3D12/);
    expect(noAdapterHint({ LD_LIBRARY_PATH: '/nonexistent' }, 'linux')).toMatch(/libvulkan|Vulkan finds no usable GPU driver/);
    expect(noAdapterHint({ VK_ICD_FILENAMES: '/nonexistent/icd.json' }, 'linux')).toMatch(/VK_ICD_FILENAMES names no existing file|libvulkan\.so\.1 is missing/);
  });
});

describe('loadDawn', () => {
  it('where npm webgpu is missing, says which package to install', async () => {
    const missing = () => Promise.reject(new Error("Cannot find package 'webgpu' imported from /x.js"));
    await expect(loadDawn(missing)).rejects.toThrow(/needs the optional npm package "webgpu" \(Dawn's Node bindings\), which does not load here \(Cannot find package 'webgpu'.*\); install it with npm install webgpu@0\.6\.2/);
  });
});

describe('linuxHasGpuDevice', () => {
  it('looks for a DRM render node, /dev/nvidia0 or /dev/dxg', () => {
    const dev = mkdtempSync(join(tmpdir(), 'inkling-dev-'));
    try {
      expect(linuxHasGpuDevice(dev)).toBe(false);
      mkdirSync(join(dev, 'dri'));
      writeFileSync(join(dev, 'dri', 'card0'), '');
      expect(linuxHasGpuDevice(dev)).toBe(false);
      writeFileSync(join(dev, 'dri', 'renderD128'), '');
      expect(linuxHasGpuDevice(dev)).toBe(true);
      rmSync(join(dev, 'dri'), { recursive: true });
      writeFileSync(join(dev, 'nvidia0'), '');
      expect(linuxHasGpuDevice(dev)).toBe(true);
    } finally {
      rmSync(dev, { recursive: true, force: true });
    }
  });
});
