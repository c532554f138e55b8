import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithCpu, inputsFor, startWasmForTest } from './kernels.test-helpers.js';

beforeAll(async () => {
  await startWasmForTest();
});

describe('wasm BatchMatMul with transposed operands', () => {
  it.each([
    ['a Dense kernel gradient (transposeA)', [12, 37], [12, 9], true, false],
    ['a Dense input gradient (transposeB)', [12, 9], [37, 9], false, true],
    ['both transposed', [9, 12], [37, 9], true, true],
    ['rank 3 with a batch of 1', [1, 12, 37], [1, 12, 9], true, false],
    ['a batch of 3 (stock kernel)', [3, 12, 7], [3, 5, 7], false, true],
    ['no transposes (stock kernel)', [12, 9], [9, 37], false, false],
  ] as const)('matches the cpu kernel: %s', (_, aShape, bShape, transposeA, transposeB) => {
    const { wasm, cpu, error } = compareWithCpu('BatchMatMul', inputsFor({ a: [...aShape], b: [...bShape] }, 4), { transposeA, transposeB });
    expect(wasm.shape).toEqual(cpu.shape);
    expect(error).toBeLessThanOrEqual(1e-6);
  });
});
