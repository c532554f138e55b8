import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@inkling/core';
import { float16Bits, toFloat16 } from './float16.js';
import { encodeWeights, quantizeUint8 } from './quantize.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** tfjs's own float16 decoding (what tf.loadGraphModel does with a float16 manifest entry). */
function decodeHalves(bits: Uint16Array): Float32Array {
  const spec: tf.io.WeightsManifestEntry = { name: 'h', shape: [bits.length], dtype: 'float32', quantization: { dtype: 'float16' } };
  const t = tf.io.decodeWeights(bits.slice().buffer, [spec]).h;
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** The float32 next to a positive float32 `x`, one step up or down. */
function step(x: number, direction: 1 | -1): number {
  f32[0] = x;
  u32[0] += direction;
  return f32[0];
}

describe('float16 encoding', () => {
  const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
  const decoded = decodeHalves(all);

  it('gives back every one of the 65,536 half values tfjs decodes (NaNs stay NaN)', () => {
    let wrong = 0;
    for (let h = 0; h < 65536; h++) {
      const v = decoded[h];
      if (Number.isNaN(v)) {
        if ((float16Bits(v) & 0x7c00) !== 0x7c00 || (float16Bits(v) & 0x3ff) === 0) wrong++;
      } else if (float16Bits(v) !== h) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('rounds to nearest, ties to even, between every pair of neighbouring halves', () => {
    let wrong = 0;
    for (let h = 0; h < 0x7bff; h++) {
      const [a, b] = [decoded[h], decoded[h + 1]];
      const mid = (a + b) / 2;
      if (Math.fround(mid) !== mid) wrong++;
      const even = h % 2 === 0 ? h : h + 1;
      if (float16Bits(mid) !== even || float16Bits(-mid) !== (even | 0x8000)) wrong++;
      if (float16Bits(step(mid, -1)) !== h || float16Bits(step(mid, 1)) !== h + 1) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('overflows to Infinity past the largest half and underflows to signed zero', () => {
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(65519.99)).toBe(0x7bff);
    expect(float16Bits(65520)).toBe(0x7c00);
    expect(float16Bits(-1e9)).toBe(0xfc00);
    expect(float16Bits(2 ** -25)).toBe(0);
    expect(float16Bits(-(2 ** -26))).toBe(0x8000);
    expect(float16Bits(2 ** -24)).toBe(1);
  });
});

describe('uint8 quantisation', () => {
  const random = mulberry32(5);
  const cases: Record<string, number[]> = {
    'mixed signs': Array.from({ length: 1000 }, () => (random() - 0.3) * 0.4),
    'all positive': Array.from({ length: 500 }, () => 0.2 + random()),
    'all negative': Array.from({ length: 500 }, () => -3 - random() * 2),
    'with exact zeros': Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 0 : (random() - 0.5) * 2)),
    'two values': [-1, 2.5],
    'constant': [0.3, 0.3, 0.3],
    'single value': [-7],
  };
  for (const [name, values] of Object.entries(cases)) {
    it(`${name}: every value comes back within scale / 2, as tfjs dequantises it`, () => {
      const input = Float32Array.from(values);
      const q = quantizeUint8(input);
      const spec: tf.io.WeightsManifestEntry = { name: 'w', shape: [input.length], dtype: 'float32', quantization: { dtype: 'uint8', min: q.min, scale: q.scale } };
      const t = tf.io.decodeWeights(q.bytes.slice().buffer, [spec]).w;
      const back = t.dataSync();
      t.dispose();
      const range = Math.max(...input) - Math.min(...input);
      expect(q.scale).toBeCloseTo(range === 0 ? 1 : range / 255, 12);
      let worst = 0;
      input.forEach((v, i) => {
        // scale / 2 from rounding, plus float32 rounding of the dequantised value.
        const allowed = q.scale / 2 + Math.abs(v) * 2 ** -23;
        worst = Math.max(worst, Math.abs(back[i] - v) / allowed);
      });
      expect(worst).toBeLessThanOrEqual(1);
      if (Math.min(...input) < 0 && Math.max(...input) > 0) {
        input.forEach((v, i) => {
          if (v === 0) expect(back[i]).toBe(0);
        });
      }
    });
  }

  it('refuses NaN and Infinity rather than writing garbage', () => {
    expect(() => quantizeUint8([1, Number.NaN])).toThrow(/NaN or Infinity/);
    expect(() => quantizeUint8([1, Infinity])).toThrow(/NaN or Infinity/);
  });
});

describe('encodeWeights (the weights manifest)', () => {
  const weights = [
    { name: 'conv/kernel', shape: [2, 3], dtype: 'float32' as const, values: Float32Array.from([0.5, -0.25, 0.125, 1, -1, 0]) },
    { name: 'flatten/shape', shape: [2], dtype: 'int32' as const, values: Int32Array.from([-1, 300]) },
    { name: 'conv/bias', shape: [3], dtype: 'float32' as const, values: Float32Array.from([0.1, 0.2, -0.3]) },
  ];

  it('none: float32 bytes, no quantization entries', () => {
    const { data, specs } = encodeWeights(weights, 'none');
    expect(data.byteLength).toBe((6 + 2 + 3) * 4);
    expect(specs.every((s) => s.quantization === undefined)).toBe(true);
  });

  for (const mode of ['float16', 'uint8'] as const) {
    it(`${mode}: float tensors quantised, int32 tensors untouched, and tfjs decodes them`, () => {
      const { data, specs } = encodeWeights(weights, mode);
      const width = mode === 'float16' ? 2 : 1;
      expect(data.byteLength).toBe(6 * width + 2 * 4 + 3 * width);
      expect(specs.map((s) => s.quantization?.dtype)).toEqual([mode, undefined, mode]);
      expect(specs[1]).toEqual({ name: 'flatten/shape', shape: [2], dtype: 'int32' });
      if (mode === 'uint8') expect(Object.keys(specs[0].quantization ?? {}).sort()).toEqual(['dtype', 'min', 'scale']);
      const decoded = tf.io.decodeWeights(data.slice().buffer, specs);
      expect(Array.from(decoded['flatten/shape'].dataSync())).toEqual([-1, 300]);
      expect(decoded['conv/kernel'].dtype).toBe('float32');
      const kernel = decoded['conv/kernel'].dataSync();
      const tolerance = mode === 'float16' ? 2 ** -11 : 2 / 255 / 2 + 1e-7;
      weights[0].values.forEach((v, i) => expect(Math.abs(kernel[i] - v)).toBeLessThanOrEqual(tolerance));
      tf.dispose(Object.values(decoded));
    });
  }

  it('float16 refuses a weight beyond its range, naming it', () => {
    expect(() => encodeWeights([{ name: 'huge/kernel', shape: [1], dtype: 'float32', values: Float32Array.from([1e6]) }], 'float16')).toThrow(/huge\/kernel.*float16/);
    expect(() => encodeWeights([{ name: 'broken/bias', shape: [1], dtype: 'float32', values: Float32Array.from([Number.NaN]) }], 'uint8')).toThrow(/broken\/bias.*NaN/);
  });

  it('toFloat16 packs a whole array', () => {
    expect(Array.from(toFloat16([1, -2, 0.5]))).toEqual([0x3c00, 0xc000, 0x3800]);
  });
});
