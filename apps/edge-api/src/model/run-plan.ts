import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModelJson } from './graph-model-json.js';

/** One weight of model.json's manifest and where its bytes sit in weights.bin. */
export interface WeightEntry {
  spec: tf.io.WeightsManifestEntry;
  offset: number;
  byteLength: number;
  /** What it takes as a float32 tensor in the backend, whatever its quantization in the file. */
  float32Bytes: number;
}

/** One part of the graph run on its own: the tensor it starts from, the node it ends at, the weights it needs. */
export interface Segment {
  /** Node whose output carries into this segment; null for the first (the model's inputs). */
  from: string | null;
  /** Node(s) this segment ends at; null for the last (the model's outputs). */
  to: string[] | null;
  weights: WeightEntry[];
}

/**
 * How a model runs. `resident` weights are loaded once and stay in the backend; when the model is
 * too large for that, `segments` cut the graph where a single tensor flows on, and each segment's
 * large weights are made from the bundled bytes just before it runs and disposed right after.
 */
export interface RunPlan {
  resident: WeightEntry[];
  segments: Segment[] | null;
  /** Float32 bytes of all weights, and of the largest segment's streamed weights. */
  float32Bytes: number;
  peakSegmentBytes: number;
}

/** Above this many float32 bytes of weights a model is streamed (see README: "Large models"). */
export const RESIDENT_BUDGET_BYTES = 16 * 1024 * 1024;
/** Weights smaller than this stay resident even in a streamed model (biases, shapes, axes). */
export const STREAM_MIN_WEIGHT_BYTES = 64 * 1024;

const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** The manifest's weights with their offsets in weights.bin (quantized ones at their stored size). */
export function weightEntries(json: GraphModelJson): WeightEntry[] {
  let offset = 0;
  return json.weightsManifest[0].weights.map((w) => {
    const spec = w as unknown as tf.io.WeightsManifestEntry;
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const stored = STORED_BYTES[spec.quantization?.dtype ?? spec.dtype];
    if (stored === undefined) throw new Error(`weight ${spec.name} has dtype ${spec.quantization?.dtype ?? spec.dtype}, which the Worker cannot size`);
    const entry = { spec, offset, byteLength: count * stored, float32Bytes: count * 4 };
    offset += entry.byteLength;
    return entry;
  });
}

interface TopologyNode {
  name: string;
  op: string;
  input?: string[];
}

/** "name:1" and "^name" (a control input) both name the node "name". */
const nodeOf = (input: string): string => input.replace(/^\^/, '').split(':')[0];

/** The ops in an order where each comes after the ops it reads (model.json's own order when it already is). */
function topologicalOrder(ops: readonly TopologyNode[]): TopologyNode[] {
  const byName = new Map(ops.map((n) => [n.name, n]));
  const done = new Set<string>();
  const out: TopologyNode[] = [];
  const visit = (n: TopologyNode, path: Set<string>): void => {
    if (done.has(n.name)) return;
    if (path.has(n.name)) throw new Error(`the graph has a cycle through ${n.name}`);
    path.add(n.name);
    for (const input of n.input ?? []) {
      const dep = byName.get(nodeOf(input));
      if (dep) visit(dep, path);
    }
    path.delete(n.name);
    done.add(n.name);
    out.push(n);
  };
  for (const n of ops) visit(n, new Set());
  return out;
}

/**
 * Cuts the graph into segments, each ending after an op that uses a streamed weight, at a point
 * where exactly one tensor is alive (so the next segment starts from it). A graph without such
 * points (branches that stay open) becomes one segment, which still frees its weights after each run.
 */
function segmentsOf(nodes: readonly TopologyNode[], streamed: Map<string, WeightEntry>): Segment[] {
  const ops = topologicalOrder(nodes.filter((n) => n.op !== 'Const' && n.op !== 'Placeholder'));
  const order = new Map(ops.map((n, i) => [n.name, i]));
  const lastUse = new Map<string, number>();
  ops.forEach((n, i) => (n.input ?? []).forEach((input) => lastUse.set(nodeOf(input), i)));
  const producedAt = new Map<string, number>(nodes.filter((n) => n.op === 'Placeholder').map((n) => [n.name, -1]));
  for (const [name, i] of order) producedAt.set(name, i);

  const segments: Segment[] = [];
  let from: string | null = null;
  let weights = new Map<string, WeightEntry>();
  ops.forEach((n, i) => {
    for (const input of n.input ?? []) {
      const w = streamed.get(nodeOf(input));
      if (w) weights.set(w.spec.name, w);
    }
    if (weights.size === 0 || i === ops.length - 1) return;
    // Alive after op i: produced at or before i and used after it.
    const alive = [...producedAt].filter(([name, at]) => at <= i && (lastUse.get(name) ?? -1) > i).map(([name]) => name);
    if (alive.length !== 1) return;
    segments.push({ from, to: alive, weights: [...weights.values()] });
    from = alive[0];
    weights = new Map();
  });
  segments.push({ from, to: null, weights: [...weights.values()] });
  return segments;
}

/** Decides how the model runs within the Worker's memory (see RunPlan). */
export function planRun(json: GraphModelJson, { residentBudgetBytes = RESIDENT_BUDGET_BYTES, streamMinWeightBytes = STREAM_MIN_WEIGHT_BYTES } = {}): RunPlan {
  const entries = weightEntries(json);
  const float32Bytes = entries.reduce((s, e) => s + e.float32Bytes, 0);
  if (float32Bytes <= residentBudgetBytes) return { resident: entries, segments: null, float32Bytes, peakSegmentBytes: 0 };
  const streamed = new Map(entries.filter((e) => e.float32Bytes >= streamMinWeightBytes).map((e) => [e.spec.name, e]));
  const nodes = ((json.modelTopology as { node?: TopologyNode[] }).node ?? []).filter((n) => typeof n?.name === 'string' && typeof n?.op === 'string');
  const segments = segmentsOf(nodes, streamed);
  return {
    resident: entries.filter((e) => !streamed.has(e.spec.name)),
    segments,
    float32Bytes,
    peakSegmentBytes: Math.max(...segments.map((s) => s.weights.reduce((a, w) => a + w.float32Bytes, 0))),
  };
}
