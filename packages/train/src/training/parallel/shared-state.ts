/**
 * The memory the main thread and the gradient workers share, and where each thing lives in it.
 * The control words (Int32, for Atomics): [0] step number, [1] command; then six per worker:
 * done step, slice size, dropout calls, status (0 ok, 1 the step failed, 2 the worker died; the message is in `error`), the
 * slice's first row and the batch size.
 */
export const enum Command {
  Step = 1,
  Stop = 2,
}

export interface SharedLayout {
  /** Workers in all; worker 0 is the main thread's own engine. */
  workers: number;
  /** Each trainable weight's shape, in model.trainableWeights order. */
  shapes: number[][];
  /** Floats per input image and per label row. */
  inputSize: number;
  labelSize: number;
  /** The most images one worker gets in a step. */
  maxSlice: number;
}

export interface SharedBuffers {
  control: SharedArrayBuffer;
  /** The current weights, all trainable weights one after another. */
  weights: SharedArrayBuffer;
  /** Per worker (index 0 unused: the main thread keeps its gradients as tensors). */
  grads: SharedArrayBuffer[];
  inputs: SharedArrayBuffer[];
  labels: SharedArrayBuffer[];
  /** Per worker: loss, metric (float64). */
  results: SharedArrayBuffer;
  error: SharedArrayBuffer;
}

export const ERROR_BYTES = 4096;
const STRIDE = 6;
export const controlIndex = {
  step: 0,
  command: 1,
  done: (w: number) => 4 + w * STRIDE,
  size: (w: number) => 5 + w * STRIDE,
  dropout: (w: number) => 6 + w * STRIDE,
  status: (w: number) => 7 + w * STRIDE,
  offset: (w: number) => 8 + w * STRIDE,
  total: (w: number) => 9 + w * STRIDE,
};

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Where each weight starts in the weights (and gradients) buffer. */
export function offsets(shapes: readonly number[][]): { starts: number[]; total: number } {
  const starts: number[] = [];
  let total = 0;
  for (const s of shapes) {
    starts.push(total);
    total += sizeOf(s);
  }
  return { starts, total };
}

export function allocate(layout: SharedLayout): SharedBuffers {
  const { total } = offsets(layout.shapes);
  const f32 = (n: number) => new SharedArrayBuffer(Math.max(1, n) * 4);
  const perWorker = (n: number) => Array.from({ length: layout.workers }, (_, w) => (w === 0 ? new SharedArrayBuffer(4) : f32(n)));
  return {
    control: new SharedArrayBuffer((4 + layout.workers * STRIDE) * 4),
    weights: f32(total),
    grads: perWorker(total),
    inputs: perWorker(layout.maxSlice * layout.inputSize),
    labels: perWorker(layout.maxSlice * layout.labelSize),
    results: new SharedArrayBuffer(layout.workers * 2 * 8),
    error: new SharedArrayBuffer(ERROR_BYTES),
  };
}

/** Images per worker for a batch of `n`: as even as possible, the first workers take the remainder. */
export function sliceSizes(n: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, w) => Math.floor(n / workers) + (w < n % workers ? 1 : 0));
}
