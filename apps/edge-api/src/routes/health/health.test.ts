import { describe, expect, it } from 'vitest';
import { call } from '../../test-support/worker.js';

describe('GET /health', () => {
  it('says the model is warm since load, held resident, and what the backend holds in memory', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { memory: { wasmHeapBytes: number; tensorBytes: number; tensors: number } };
    expect(body).toMatchObject({ ok: true, backend: 'wasm', warmUp: 'load', warm: true, weights: 'resident', segments: 1 });
    expect(body.startup).toBeUndefined();
    // The default model's weights are resident: at least their float32 bytes live in tensors.
    expect(body.memory.tensorBytes).toBeGreaterThanOrEqual(body.float32WeightBytes as number);
    expect(body.memory.wasmHeapBytes).toBeGreaterThanOrEqual(body.memory.tensorBytes);
    expect(body.memory.wasmHeapBytes % 65536).toBe(0);
  });
});
