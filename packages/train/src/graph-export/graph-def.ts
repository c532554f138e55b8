/**
 * The pieces of a TensorFlow GraphDef, in the JSON form tfjs's `model.json` carries
 * (what Python's tensorflowjs_converter writes for a frozen graph).
 */
export interface AttrValue {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size: string }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: string[]; f?: number[] };
  tensor?: { dtype: string; tensorShape: { dim?: { size: string }[] } };
}

export interface NodeDef {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
}

export interface GraphDef {
  node: NodeDef[];
  library: Record<string, never>;
  versions: { producer?: number; minConsumer?: number };
}

/** One entry of model.json's `signature`: which node a named input or output is. */
export interface TensorInfo {
  name: string;
  dtype: 'DT_FLOAT' | 'DT_INT32';
  tensorShape: { dim: { size: string }[] };
}

/** model.json's `signature` (as the Python converter writes for a SavedModel's serving_default). */
export interface Signature {
  inputs: Record<string, TensorInfo>;
  outputs: Record<string, TensorInfo>;
}

/** GraphDef strings are bytes, base64 in JSON. */
export const str = (s: string): AttrValue => ({ s: btoa(s) });
export const strList = (items: string[]): AttrValue => ({ list: { s: items.map((s) => btoa(s)) } });
export const intList = (items: number[]): AttrValue => ({ list: { i: items.map(String) } });
export const int = (i: number): AttrValue => ({ i: String(i) });
export const dtype = (t: 'DT_FLOAT' | 'DT_INT32'): AttrValue => ({ type: t });
export const float = (f: number): AttrValue => ({ f });
export const bool = (b: boolean): AttrValue => ({ b });

/** A shape as GraphDef writes it; an unknown dimension (the batch) is -1. */
export const dims = (shape: readonly (number | null)[]): { size: string }[] => shape.map((d) => ({ size: String(d ?? -1) }));

export function shapeAttr(shape: readonly (number | null)[]): AttrValue {
  return { shape: { dim: dims(shape) } };
}

export function constNode(name: string, shape: readonly number[], type: 'DT_FLOAT' | 'DT_INT32'): NodeDef {
  return {
    name,
    op: 'Const',
    attr: {
      dtype: dtype(type),
      value: { tensor: { dtype: type, tensorShape: { dim: dims(shape) } } },
    },
  };
}
