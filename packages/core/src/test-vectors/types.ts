import type { Box } from '../preprocess/crop.js';
import type { PreprocessSpecInput } from '../preprocess/spec.js';

export interface TestVector {
  name: string;
  spec: PreprocessSpecInput;
  /** The image file (PNG or JPEG), base64. */
  image: string;
  expected: {
    shape: number[];
    /** The float32 output bytes (little-endian), base64. */
    data: string;
    sha256: string;
    blank: boolean;
    region: Box;
  };
}
