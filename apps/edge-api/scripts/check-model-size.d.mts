import type { Plan } from './workers-limits.mjs';
import type { WorkerMeasurement } from './measure-worker.mjs';

export const CODE_BYTES: number;
export function modelFiles(modelDir: string): { name: string; bytes: number }[];
export function checkSize(modelDir: string, options?: { code?: number }): { modelBytes: number; uploadBytes: number; fits: Plan[] };
export type Measurement = WorkerMeasurement & { measuredAt?: string; loadAverage?: number; cached?: boolean };
export function describe(m: Measurement): string[];
export function verdict(m: Measurement): { code: 0 | 1; lines: string[] };
