/**
 * Work buffers reused from one call to the next. Preprocessing is synchronous, so one set per
 * runtime is enough; reusing them matters because a fresh large typed array costs a page fault per
 * 4 KB on first touch, which on small VMs and in Workers outweighs the arithmetic done on it.
 * Nothing handed out here may escape a call: results are copied into arrays of their own.
 */
const f32 = new Map<string, Float32Array>();
const u8 = new Map<string, Uint8Array>();
const i32 = new Map<string, Int32Array>();
const f64 = new Map<string, Float64Array>();

function take<T extends Float32Array | Float64Array | Uint8Array | Int32Array>(pool: Map<string, T>, name: string, length: number, make: (n: number) => T): T {
  let buf = pool.get(name);
  if (!buf || buf.length < length) {
    buf = make(length);
    pool.set(name, buf);
  }
  return buf.subarray(0, length) as T;
}

/** A Float32Array work buffer of `length` (contents undefined: the caller writes every element). */
export const scratchF32 = (name: string, length: number): Float32Array => take(f32, name, length, (n) => new Float32Array(n));
/** A zeroed Uint8Array work buffer of `length`. */
export const scratchU8 = (name: string, length: number): Uint8Array => take(u8, name, length, (n) => new Uint8Array(n)).fill(0);
/** An Int32Array work buffer of `length` (contents undefined). */
export const scratchI32 = (name: string, length: number): Int32Array => take(i32, name, length, (n) => new Int32Array(n));
/** A zeroed Float64Array work buffer of `length`. */
export const scratchF64 = (name: string, length: number): Float64Array => take(f64, name, length, (n) => new Float64Array(n)).fill(0);
