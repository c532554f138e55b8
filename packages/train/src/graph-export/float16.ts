const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The IEEE 754 half-precision bits of a number (first rounded to float32), rounding to nearest with
 * ties to even, as numpy's astype(float16) does for the Python converter. Overflow gives ±Infinity;
 * values below half the smallest subnormal give ±0.
 *
 * Written here rather than taken from a package: Node 20 has no Math.f16round/Float16Array, the
 * function is a few lines, and its test checks it against tfjs's own float16 decoder on all 65,536
 * half values and every rounding midpoint between them.
 */
export function float16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal: the significand with its leading 1, shifted down to units of 2^-24.
    const full = mantissa | 0x800000;
    const shift = 14 - e;
    let m = full >>> shift;
    const rest = full & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && m & 1)) m++;
    return sign | m;
  }
  let h = sign | (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and the largest values to Infinity).
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  return h;
}

export const FLOAT16_MAX = 65504;

export function toFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i]);
  return out;
}
