import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { flatDispatch, MAIN_WITH_INDEX, runProgram, type WebgpuProgram } from './internals.js';

/**
 * dx of a 2D max pool, one thread per input element: it visits the (one to a few) windows that cover
 * its element and takes dy of each window whose first maximum it is. tfjs-backend-webgpu 4.22 gives
 * a tie to the last maximum (its positions shader compares with >=); TF and the cpu backend give it
 * to the first, and so does this. A window of only NaN or −∞ passes no gradient, as on cpu.
 */
class MaxPoolGradProgram implements WebgpuProgram {
  variableNames = ['dy', 'x'];
  uniforms = 'strides : vec2<i32>, pads : vec2<i32>, filterDims : vec2<i32>, outDims : vec2<i32>,';
  shaderKey = 'inklingMaxPoolGradFirstMax';
  size = true;
  outputShape: number[];
  dispatchLayout;
  dispatch;
  workgroupSize;

  constructor(xShape: number[]) {
    this.outputShape = xShape;
    ({ dispatchLayout: this.dispatchLayout, dispatch: this.dispatch, workgroupSize: this.workgroupSize } = flatDispatch(xShape));
  }

  getUserCode(): string {
    return `
      ${MAIN_WITH_INDEX} {
        if (index >= uniforms.size) { return; }
        let coords = getCoordsFromIndex(index);
        let b = coords[0];
        let xR = coords[1];
        let xC = coords[2];
        let d = coords[3];
        let inH = uniforms.xShape.y;
        let inW = uniforms.xShape.z;
        let s = uniforms.strides;
        let f = uniforms.filterDims;
        let p = uniforms.pads;
        // The dy rows (columns) whose windows cover xR (xC): ceil((x + pad - f + 1) / s) ..= (x + pad) / s.
        let nR = xR + p.x - f.x + 1;
        let nC = xC + p.y - f.y + 1;
        let rLo = select(0, (nR + s.x - 1) / s.x, nR > 0);
        let cLo = select(0, (nC + s.y - 1) / s.y, nC > 0);
        let rHi = min(uniforms.outDims.x - 1, (xR + p.x) / s.x);
        let cHi = min(uniforms.outDims.y - 1, (xC + p.y) / s.y);
        var acc = 0.0;
        for (var yR = rLo; yR <= rHi; yR++) {
          for (var yC = cLo; yC <= cHi; yC++) {
            let r0 = yR * s.x - p.x;
            let c0 = yC * s.y - p.y;
            var best = 0.0;
            var bestR = -1;
            var bestC = -1;
            for (var r = max(r0, 0); r < min(r0 + f.x, inH); r++) {
              for (var c = max(c0, 0); c < min(c0 + f.y, inW); c++) {
                let v = getX(b, r, c, d);
                // Strictly greater: the first maximum wins. NaN and −∞ never do.
                if ((bestR < 0 && v >= -3.4028234e38) || (bestR >= 0 && v > best)) {
                  best = v;
                  bestR = r;
                  bestC = c;
                }
              }
            }
            if (bestR == xR && bestC == xC) { acc += getDy(b, yR, yC, d); }
          }
        }
        setOutputAtIndex(index, acc);
      }
    `;
  }
}

export const maxPoolGrad: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  return runProgram(backend as tf.KernelBackend, new MaxPoolGradProgram(input.shape), [dy, input], 'float32', [
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.filterHeight, info.filterWidth] },
    { type: 'int32', data: [info.outHeight, info.outWidth] },
  ]);
};
