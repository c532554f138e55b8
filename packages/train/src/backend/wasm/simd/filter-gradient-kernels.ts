import { FunctionBuilder, type Local } from './emitter.js';

/**
 * Register-blocked outer-product accumulation, the inner loop of the filter gradient:
 *   dw[k][j] += Σ_pixels x[pixel + k] · dy[pixel][j]
 * for a tile of `kTile` rows (consecutive floats of x) by `coVectors`×4 columns (output channels).
 * The tile's accumulators live in registers for a whole block of pixels (`rows` × `cols`, with
 * byte strides), then go back to memory, so the caller can walk the image in cache-sized blocks.
 */
export function filterGradientTile(kTile: number, coVectors: number): FunctionBuilder {
  const f = new FunctionBuilder(`dw_k${kTile}_c${coVectors}`, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [x, dy, dw, rows, cols, xColStride, xRowStride, dyColStride, dyRowStride, dwRowStride] = f.params;
  const acc: Local[][] = [];
  const d: Local[] = [];
  const s = f.local('v128');
  for (let j = 0; j < coVectors; j++) d.push(f.local('v128'));
  for (let k = 0; k < kTile; k++) acc.push(Array.from({ length: coVectors }, () => f.local('v128')));
  const dwRow = f.local('i32');
  const xp = f.local('i32');
  const dp = f.local('i32');
  const r = f.local('i32');
  const c = f.local('i32');

  const eachAcc = (fn: (k: number, j: number) => void) => {
    f.get(dw).set(dwRow);
    for (let k = 0; k < kTile; k++) {
      for (let j = 0; j < coVectors; j++) fn(k, j);
      f.inc(dwRow, dwRowStride);
    }
  };
  // Each block sums into fresh accumulators, added to dw once at the end: shorter float32 sums
  // than one running total over the whole image (the error stays near the CPU backend's).
  for (const row of acc) for (const a of row) f.v128Const(new Array(16).fill(0)).set(a);
  f.repeat(r, rows, () => {
    f.get(x).set(xp).get(dy).set(dp);
    f.repeat(c, cols, () => {
      for (let j = 0; j < coVectors; j++) f.get(dp).v128Load(16 * j).set(d[j]);
      for (let k = 0; k < kTile; k++) {
        f.get(xp).v128Load32Splat(4 * k).set(s);
        for (let j = 0; j < coVectors; j++) f.get(acc[k][j]).get(s).get(d[j]).f32x4Mul().f32x4Add().set(acc[k][j]);
      }
      f.inc(xp, xColStride).inc(dp, dyColStride);
    });
    f.inc(x, xRowStride).inc(dy, dyRowStride);
  });
  eachAcc((k, j) => f.get(dwRow).get(dwRow).v128Load(16 * j).get(acc[k][j]).f32x4Add().v128Store(16 * j));
  return f;
}
