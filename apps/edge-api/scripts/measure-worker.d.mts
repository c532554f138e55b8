export interface WorkerMeasurement {
  uploadBytes: number;
  gzipBytes: number;
  /** Start-up wall time inside the isolate, and workerd's CPU time over it. */
  startupMs: number;
  startupCpuMs: number;
  warmUp: 'load' | 'first-request';
  weights: 'resident' | 'streamed';
  backend: string;
  /** In-worker wall time (Server-Timing) and CPU time of the first request. */
  firstRequestMs: number;
  firstRequestCpuMs: number;
  /** The Worker's CPU per request: workerd's CPU per request (10 ms ticks, summed over `requests`) less its overhead. */
  cpuMsPerRequest: number;
  /** workerd's CPU per /classify request, and per request refused at once (415) with the same body. */
  grossCpuMs: number;
  overheadCpuMs: number;
  /** In-worker wall time per request (read + decode + preprocess + infer). */
  inWorkerMsP50: number;
  inWorkerMsP95: number;
  wasmHeapBytes: number;
  jsPeakBytes: number;
  peakMemoryBytes: number;
  requests: number;
  /** Requests (all passes) answered with the drawn label. */
  correct: number;
}

export function drawingPngs(): { kind: string; body: Uint8Array }[];
export function inWorkerMs(serverTiming: string | null): number;
export function measureWorker(options?: {
  modelDir?: string;
  requests?: number;
  /** Comparison only: keep this many float32 weight bytes resident (src/startup-probe.ts reads it). */
  residentBudgetBytes?: number;
  log?: (line: string) => void;
}): Promise<WorkerMeasurement>;
