import { FunctionBuilder } from './emitter.js';

const ROWS_PER_PARTIAL = 1024;

/**
 * column_sums(x, out, rows, cols): out[j] = Σ_i x[i][j] for a row-major float32 matrix whose column
 * count is a multiple of 4 (the bias gradient: NHWC summed over N, H and W). Columns go 16 at a time
 * (4 vectors in registers); rows are summed in partials of 1024 added to `out`, which keeps float32
 * sums short. `out` is overwritten.
 */
export function columnSumsKernel(): FunctionBuilder {
  const f = new FunctionBuilder('column_sums', ['i32', 'i32', 'i32', 'i32']);
  const [x, out, rows, cols] = f.params;
  const acc = [f.local('v128'), f.local('v128'), f.local('v128'), f.local('v128')];
  const [rowBytes, col, width, rowsLeft, chunk, i, p, o] = Array.from({ length: 8 }, () => f.local('i32'));
  f.get(cols).i32(4).mul().set(rowBytes);
  // zero out
  f.get(out).i32(0).get(rowBytes).memoryFill();
  f.i32(0).set(col);
  f.block(() => f.loop(() => {
    f.get(col).get(cols).geS().brIf(1);
    // width = min(4, (cols - col) / 4) vectors in this column block
    f.get(cols).get(col).sub().i32(2).shrU().set(width);
    f.get(width).i32(4).gtS().if(() => { f.i32(4).set(width); });
    f.get(out).get(col).i32(4).mul().add().set(o);
    f.get(x).get(col).i32(4).mul().add().set(p);
    f.get(rows).set(rowsLeft);
    f.block(() => f.loop(() => {
      f.get(rowsLeft).i32(0).leS().brIf(1);
      f.get(rowsLeft).set(chunk);
      f.get(chunk).i32(ROWS_PER_PARTIAL).gtS().if(() => { f.i32(ROWS_PER_PARTIAL).set(chunk); });
      f.get(rowsLeft).get(chunk).sub().set(rowsLeft);
      for (const a of acc) f.v128Const(new Array(16).fill(0)).set(a);
      f.repeat(i, chunk, () => {
        acc.forEach((a, k) => {
          // vectors past `width` would read the next row's columns: skip them
          f.get(width).i32(k).gtS().if(() => { f.get(a).get(p).v128Load(16 * k).f32x4Add().set(a); });
        });
        f.inc(p, rowBytes);
      });
      acc.forEach((a, k) => {
        f.get(width).i32(k).gtS().if(() => { f.get(o).get(o).v128Load(16 * k).get(a).f32x4Add().v128Store(16 * k); });
      });
      f.br(0);
    }));
    f.inc(col, 16);
    f.br(0);
  }));
  return f;
}
