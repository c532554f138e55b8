/**
 * One of the robustness suite's image transformations: encoded image bytes (PNG, JPEG, WebP…) in,
 * encoded bytes out. The same input and seed give the same bytes every time; the suite passes each
 * image its own seed, so seeded transformations vary between images but never between runs.
 */
export interface Transform {
  name: string;
  description: string;
  /** The encoding of what `apply` returns. */
  format: 'png' | 'jpeg';
  apply(input: Buffer, seed: number): Promise<Buffer>;
}
