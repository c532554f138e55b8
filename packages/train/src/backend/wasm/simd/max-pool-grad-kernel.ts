import { FunctionBuilder } from './emitter.js';

const NEG_INF = [0x00, 0x00, 0x80, 0xff];
const MINUS_ONE = [0xff, 0xff, 0xff, 0xff];

/**
 * maxpool_grad(x, dy, dx, n, h, w, c, outH, outW, fh, fw, sh, sw, padTop, padLeft): NHWC, c a
 * multiple of 4, dx zeroed by the caller. With `tiled` (windows that tile the input: stride =
 * window, no padding) each dx element belongs to one window, so it is written once instead of
 * accumulated, and the caller only zeroes what no window covers. Per window and 4 channels at a time it finds the first
 * strict maximum (`>` against a running max that starts at −∞, so NaN and all-−∞ windows get no
 * gradient, as in the CPU backend) and remembers its byte address per lane; a second walk over the
 * window adds dy where the address matches. Overlapping windows therefore accumulate correctly.
 */
export function maxPoolGradKernel(tiled: boolean): FunctionBuilder {
  const f = new FunctionBuilder(tiled ? 'maxpool_grad_tiled' : 'maxpool_grad', Array(15).fill('i32'));
  const [x, dy, dx, n, h, w, c, outH, outW, fh, fw, sh, sw, padTop, padLeft] = f.params;
  const best = f.local('v128');
  const arg = f.local('v128');
  const v = f.local('v128');
  const gt = f.local('v128');
  const at = f.local('v128');
  const g = f.local('v128');
  const [b, oh, ow, lane, ys, xs] = [f.local('i32'), f.local('i32'), f.local('i32'), f.local('i32'), f.local('i32'), f.local('i32')];
  const [hStart, hCount, wStart, wCount, pixel, rowBytes, imageRow, dyAt, laneBytes, addr, yAddr] = Array.from({ length: 11 }, () => f.local('i32'));
  const t0 = f.local('i32');
  const vectors = f.local('i32');

  // pixel = c * 4 bytes; rowBytes = w * pixel
  f.get(c).i32(4).mul().set(pixel);
  f.get(w).get(pixel).mul().set(rowBytes);
  f.get(dy).set(dyAt);
  f.get(c).i32(2).shrU().set(vectors);

  // clamp(start, count) of a window axis: start = max(0, o*s - pad), end = min(size, o*s - pad + k)
  const clampWindow = (o: typeof b, s: typeof b, pad: typeof b, k: typeof b, size: typeof b, start: typeof b, count: typeof b) => {
    f.get(o).get(s).mul().get(pad).sub().set(t0); // window origin (may be negative)
    f.get(t0).get(k).add().set(count); // end (exclusive), before clamping
    f.get(count).get(size).gtS().if(() => { f.get(size).set(count); });
    f.get(t0).i32(0).ltS().if(() => { f.i32(0).set(t0); });
    f.get(t0).set(start);
    f.get(count).get(start).sub().set(count);
  };

  // Walks the clipped window, calling `visit` with `addr` = byte offset of (y, x, lane) from the image row base.
  const eachInWindow = (visit: () => void) => {
    f.get(imageRow).get(hStart).get(rowBytes).mul().add().get(wStart).get(pixel).mul().add().get(laneBytes).add().set(yAddr);
    f.repeat(ys, hCount, () => {
      f.get(yAddr).set(addr);
      f.repeat(xs, wCount, () => {
        visit();
        f.inc(addr, pixel);
      });
      f.inc(yAddr, rowBytes);
    });
  };

  f.i32(0).set(imageRow);
  f.repeat(b, n, () => {
    f.i32(0).set(oh);
    f.block(() => f.loop(() => {
      f.get(oh).get(outH).geS().brIf(1);
      clampWindow(oh, sh, padTop, fh, h, hStart, hCount);
      f.i32(0).set(ow);
      f.block(() => f.loop(() => {
        f.get(ow).get(outW).geS().brIf(1);
        clampWindow(ow, sw, padLeft, fw, w, wStart, wCount);
        f.i32(0).set(laneBytes);
        f.repeat(lane, vectors, () => {
          f.v128Const([...NEG_INF, ...NEG_INF, ...NEG_INF, ...NEG_INF]).set(best);
          f.v128Const([...MINUS_ONE, ...MINUS_ONE, ...MINUS_ONE, ...MINUS_ONE]).set(arg);
          eachInWindow(() => {
            f.get(x).get(addr).add().v128Load().tee(v).get(best).f32x4Gt().set(gt);
            f.get(v).get(best).get(gt).v128Bitselect().set(best);
            f.get(addr).i32x4Splat().get(arg).get(gt).v128Bitselect().set(arg);
          });
          f.get(dyAt).v128Load().set(g);
          eachInWindow(() => {
            f.get(addr).i32x4Splat().get(arg).i32x4Eq().set(at);
            if (tiled) f.get(dx).get(addr).add().get(g).get(at).v128And().v128Store();
            else f.get(dx).get(addr).add().get(dx).get(addr).add().v128Load().get(g).get(at).v128And().f32x4Add().v128Store();
          });
          f.inc(dyAt, 16).inc(laneBytes, 16);
        });
        f.inc(ow, 1);
        f.br(0);
      }));
      f.inc(oh, 1);
      f.br(0);
    }));
    f.get(imageRow).get(h).get(rowBytes).mul().add().set(imageRow);
  });
  return f;
}
