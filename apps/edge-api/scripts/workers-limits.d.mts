export interface Plan {
  id: 'free' | 'paid';
  name: string;
  /** Uncompressed bytes wrangler uploads (code and bundled model). */
  workerSizeBytes: number;
  cpuMsPerRequest: number;
  cpuMsDefault?: number;
  memoryBytes: number;
  startupMs: number;
}

export interface Measured {
  uploadBytes: number;
  cpuMsPerRequest?: number;
  peakMemoryBytes?: number;
  startupMs?: number;
}

export const LIMITS_SOURCE: { url: string; read: string; copy: string };
export const PLANS: readonly Plan[];
export function planProblems(plan: Plan, measured: Measured): string[];
export function planNeeded(measured: Measured): { plan: Plan | null; problems: Record<string, string[]> };
