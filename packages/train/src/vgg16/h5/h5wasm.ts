import h5wasm from 'h5wasm/node';

export { h5wasm };
export type { Dataset, File as H5File, Group } from 'h5wasm/node';

let ready: Promise<void> | undefined;

/**
 * Loads h5wasm's HDF5 module once. Its default error handler prints the HDF5 error stack to stderr and
 * returns -1, so a bad file would surface later as a confusing failure: the throwing handler makes
 * every HDF5 error a JavaScript exception instead (see `hdf5Reason`).
 */
export function h5Ready(): Promise<void> {
  ready ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
  });
  return ready;
}

/**
 * The useful part of an HDF5 error: its stack ends with the innermost cause (e.g. "truncated file:
 * eof = 2000, sblock->base_addr = 0, stored_eof = 2496"). h5wasm also throws plain strings.
 */
export function hdf5Reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const causes = text
    .split('\n')
    .filter((line) => /^\s*#\d+:/.test(line))
    .map((line) => line.replace(/^.*? in [^:]+\(\): /, '').trim());
  return causes.at(-1) ?? text.trim();
}

/** Keras's chunked string attributes: `name`, or `name0`, `name1`, … when one was too big for an object header. */
export function stringListAttribute(node: { attrs: Record<string, unknown>; get_attribute(name: string, json: false): unknown }, name: string): string[] | null {
  const keys = Object.keys(node.attrs);
  const read = (key: string) => toStringList(node.get_attribute(key, false), key);
  if (keys.includes(name)) return read(name);
  if (!keys.includes(`${name}0`)) return null;
  const out: string[] = [];
  for (let i = 0; keys.includes(`${name}${i}`); i++) out.push(...read(`${name}${i}`));
  return out;
}

function toStringList(value: unknown, key: string): string[] {
  if (typeof value === 'string') return [value];
  // An empty list saved by h5py comes back as an empty float array (numpy's default dtype).
  if (ArrayBuffer.isView(value) && (value as unknown as ArrayLike<unknown>).length === 0) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new Error(`attribute ${key} is not a list of names`);
}
