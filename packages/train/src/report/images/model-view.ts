import { IMAGENET_CAFFE_MEAN_BGR, parsePreprocessSpec, type PreprocessSpec, type PreprocessSpecInput, type RawImage } from '@inkling/core';

/**
 * Turns the model's input (core's preprocessed floats, HWC) back into a picture: the normalisation
 * and rescale are undone, so each pixel shows the value the model was given on the familiar 0–255
 * scale, and nothing else (an ink-bright spec shows white ink on black, a crop shows the crop).
 */
export function modelInputToImage(data: Float32Array, shape: readonly [number, number, number], specInput: PreprocessSpec | PreprocessSpecInput): RawImage {
  const spec = parsePreprocessSpec(specInput);
  const [height, width, channels] = shape;
  if (channels !== 1 && channels !== 3) throw new Error(`a model input has 1 or 3 channels, got ${channels}`);
  if (data.length !== height * width * channels) throw new Error(`model input has ${data.length} values, ${height}x${width}x${channels} needs ${height * width * channels}`);
  const out = new Uint8Array(data.length);
  const norm = spec.normalize;
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v / spec.rescale)));
  for (let i = 0; i < data.length; i += channels) {
    if (norm.method === 'caffe') {
      // Stored as BGR minus the ImageNet means; shown as RGB.
      out[i] = byte(data[i + 2] + IMAGENET_CAFFE_MEAN_BGR[2]);
      out[i + 1] = byte(data[i + 1] + IMAGENET_CAFFE_MEAN_BGR[1]);
      out[i + 2] = byte(data[i] + IMAGENET_CAFFE_MEAN_BGR[0]);
      continue;
    }
    for (let c = 0; c < channels; c++) {
      const v = norm.method === 'mean-std' ? data[i + c] * norm.std[c] + norm.mean[c] : data[i + c];
      out[i + c] = byte(v);
    }
  }
  return { width, height, channels, data: out };
}
