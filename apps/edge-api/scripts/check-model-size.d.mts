export const FREE_PLAN_LIMIT_BYTES: number;
export const CODE_GZIP_BYTES: number;
export function modelGzipBytes(modelDir: string): { bytes: number; source: string };
export function checkModelSize(modelDir: string, options?: { limit?: number; code?: number }): { ok: boolean; summary: string };
