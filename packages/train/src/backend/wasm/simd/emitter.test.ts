import { describe, expect, it } from 'vitest';
import { FunctionBuilder, encodeModule } from './emitter.js';

type Exports = Record<string, (...args: number[]) => number>;
const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => { buffer: ArrayBuffer | SharedArrayBuffer }; Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: Exports } } }).WebAssembly;

function instantiate(fns: FunctionBuilder[], shared = false) {
  const memory = new WA.Memory(shared ? { initial: 1, maximum: 16, shared: true } : { initial: 1 });
  const { exports } = new WA.Instance(new WA.Module(encodeModule(fns, shared)), { env: { memory } });
  return { exports, memory };
}

describe('the WebAssembly emitter', () => {
  it('encodes signed and unsigned LEB128 constants at their edges', () => {
    const values = [0, 1, -1, 63, 64, -64, -65, 127, 128, 2 ** 31 - 1, -(2 ** 31)];
    const fns = values.map((v, i) => new FunctionBuilder(`c${i}`, [], ['i32']).i32(v));
    const { exports } = instantiate(fns);
    expect(values.map((_, i) => exports[`c${i}`]!())).toEqual(values);
  });

  it('runs counted loops and SIMD over an imported memory, shared or not', () => {
    for (const shared of [false, true]) {
      // scale4(ptr, n, factor): multiplies n groups of 4 floats at ptr by factor, in place
      const f = new FunctionBuilder('scale4', ['i32', 'i32', 'f32']);
      const [ptr, n, factor] = f.params;
      const k = f.local('i32');
      const s = f.local('v128');
      f.get(factor!).f32x4Splat().set(s);
      f.repeat(k, n!, () => {
        f.get(ptr!).get(ptr!).v128Load().get(s).f32x4Mul().v128Store();
        f.inc(ptr!, 16);
      });
      const { exports, memory } = instantiate([f], shared);
      const view = new Float32Array(memory.buffer, 64, 12);
      view.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      exports.scale4!(64, 2, 0.5);
      expect(Array.from(view)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 9, 10, 11, 12]);
      exports.scale4!(64, 0, 10); // a count of 0 runs no iteration
      expect(view[0]).toBe(0.5);
    }
  });
});
