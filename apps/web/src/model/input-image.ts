import { IMAGENET_CAFFE_MEAN_BGR, type PreprocessResult, type PreprocessSpec } from '@inkling/core';

/**
 * The model's input turned back into RGBA for display: undoes `normalize` and `rescale` so a value
 * shows the 0–255 level the model was given (for an 'ink-bright' spec, white ink on black).
 */
export function inputToRgba(result: Pick<PreprocessResult, 'data' | 'shape'>, spec: Pick<PreprocessSpec, 'rescale' | 'normalize'>): Uint8ClampedArray {
  const [h, w, c] = result.shape;
  const out = new Uint8ClampedArray(h * w * 4);
  const norm = spec.normalize;
  const level = (v: number, ch: number): number => {
    if (norm.method === 'caffe') {
      // Stored as BGR minus the ImageNet means; `ch` is the RGB channel asked for.
      const bgr = 2 - ch;
      return (v + IMAGENET_CAFFE_MEAN_BGR[bgr]) / spec.rescale;
    }
    if (norm.method === 'mean-std') return (v * norm.std[ch] + norm.mean[ch]) / spec.rescale;
    return v / spec.rescale;
  };
  for (let i = 0; i < h * w; i++) {
    const o = i * 4;
    if (c === 1) {
      out[o] = out[o + 1] = out[o + 2] = Math.round(level(result.data[i], 0));
    } else {
      // Caffe data is BGR: read channel (2 - k) for RGB channel k.
      for (let k = 0; k < 3; k++) {
        const src = norm.method === 'caffe' ? result.data[i * 3 + (2 - k)] : result.data[i * 3 + k];
        out[o + k] = Math.round(level(src, k));
      }
    }
    out[o + 3] = 255;
  }
  return out;
}
