import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { describe } from 'vitest';
import { relativeError, runKernelOn, runKernelOnAsync, type KernelInput } from '../wasm/kernel-compare.js';
import { SWIFTSHADER_ICD } from './dawn.js';
import { startWebgpu, type WebgpuStarted } from './start.js';

/**
 * The webgpu tests run on SwiftShader, the Vulkan CPU driver Debian's chromium ships (CI installs
 * chromium), unless VK_ICD_FILENAMES already names a driver. Without it they are skipped, saying why.
 */
export const SWIFTSHADER_ENV = { VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES || SWIFTSHADER_ICD };
export const haveSwiftshader = existsSync(SWIFTSHADER_ENV.VK_ICD_FILENAMES);
if (haveSwiftshader) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ENV.VK_ICD_FILENAMES;
else console.warn(`skipping the webgpu tests: ${SWIFTSHADER_ENV.VK_ICD_FILENAMES} is missing (Debian: apt-get install chromium)`);

/** describe() that runs only where the SwiftShader driver is installed. */
export const describeOnSwiftshader = (title: string, body: () => void) =>
  describe.skipIf(!haveSwiftshader)(`${title} [SwiftShader: ${SWIFTSHADER_ENV.VK_ICD_FILENAMES}]`, body);

export async function startWebgpuForTest(): Promise<WebgpuStarted> {
  return startWebgpu();
}

/** Runs one kernel on webgpu (as registered now) and on cpu with the same inputs. */
export async function compareWebgpuWithCpu(kernel: string, inputs: Record<string, KernelInput>, attrs: NamedAttrMap) {
  const webgpu = await runKernelOnAsync('webgpu', kernel, inputs, attrs);
  const cpu = runKernelOn('cpu', kernel, inputs, attrs);
  return { webgpu, cpu, error: relativeError(webgpu.values, cpu.values) };
}

export { tf };
