/**
 * A small WebAssembly binary emitter, just enough to write SIMD kernels that work directly on the
 * tfjs WASM backend's heap (the module imports that memory). Writing the bytes from TypeScript keeps
 * the kernels readable next to their callers and needs no compiler toolchain at build or install time.
 * Opcodes follow the WebAssembly core spec (1.0 + SIMD128).
 */

export type ValType = 'i32' | 'f32' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A local variable (parameters first, then declared locals), referred to by index. */
export class Local {
  constructor(readonly index: number, readonly type: ValType) {}
}

const SIMD = 0xfd;
const simd = (op: number) => [SIMD, ...uleb(op)];

/** Emits one function body; every method appends instructions and returns `this` for chaining. */
export class FunctionBuilder {
  readonly params: Local[];
  private readonly locals: Local[] = [];
  private readonly code: number[] = [];

  constructor(readonly name: string, paramTypes: ValType[], readonly results: ValType[] = []) {
    this.params = paramTypes.map((t, i) => new Local(i, t));
  }

  local(type: ValType): Local {
    const l = new Local(this.params.length + this.locals.length, type);
    this.locals.push(l);
    return l;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(l: Local): this { return this.op(0x20, ...uleb(l.index)); }
  set(l: Local): this { return this.op(0x21, ...uleb(l.index)); }
  tee(l: Local): this { return this.op(0x22, ...uleb(l.index)); }
  i32(n: number): this { return this.op(0x41, ...sleb(n | 0)); }
  drop(): this { return this.op(0x1a); }

  // i32 arithmetic and comparisons
  add(): this { return this.op(0x6a); }
  sub(): this { return this.op(0x6b); }
  mul(): this { return this.op(0x6c); }
  shl(): this { return this.op(0x74); }
  shrU(): this { return this.op(0x76); }
  eqz(): this { return this.op(0x45); }
  eq(): this { return this.op(0x46); }
  ne(): this { return this.op(0x47); }
  ltS(): this { return this.op(0x48); }
  gtS(): this { return this.op(0x4a); }
  leS(): this { return this.op(0x4c); }
  geS(): this { return this.op(0x4e); }

  // memory (offsets in bytes; alignment hints are log2 bytes)
  f32Load(offset = 0): this { return this.op(0x2a, 2, ...uleb(offset)); }
  f32Store(offset = 0): this { return this.op(0x38, 2, ...uleb(offset)); }
  i32Load(offset = 0): this { return this.op(0x28, 2, ...uleb(offset)); }
  v128Load(offset = 0): this { return this.op(...simd(0x00), 4, ...uleb(offset)); }
  v128Store(offset = 0): this { return this.op(...simd(0x0b), 4, ...uleb(offset)); }
  /** Loads one f32 and splats it to all four lanes. */
  v128Load32Splat(offset = 0): this { return this.op(...simd(0x09), 2, ...uleb(offset)); }
  memoryFill(): this { return this.op(0xfc, ...uleb(11), 0x00); }

  // SIMD
  f32x4Splat(): this { return this.op(...simd(0x13)); }
  i32x4Splat(): this { return this.op(...simd(0x11)); }
  v128Const(bytes: number[]): this { return this.op(...simd(0x0c), ...bytes); }
  f32x4Add(): this { return this.op(...simd(0xe4)); }
  f32x4Mul(): this { return this.op(...simd(0xe6)); }
  f32x4Gt(): this { return this.op(...simd(0x44)); }
  i32x4Eq(): this { return this.op(...simd(0x37)); }
  v128And(): this { return this.op(...simd(0x4e)); }
  v128Bitselect(): this { return this.op(...simd(0x52)); }

  // control flow: `block`/`loop` take a body callback so that nesting is visible in the source
  block(body: () => void): this {
    this.op(0x02, 0x40);
    body();
    return this.op(0x0b);
  }
  loop(body: () => void): this {
    this.op(0x03, 0x40);
    body();
    return this.op(0x0b);
  }
  if(body: () => void): this {
    this.op(0x04, 0x40);
    body();
    return this.op(0x0b);
  }
  br(depth: number): this { return this.op(0x0c, ...uleb(depth)); }
  brIf(depth: number): this { return this.op(0x0d, ...uleb(depth)); }

  /** `l += step` (step a constant or a local). */
  inc(l: Local, step: number | Local): this {
    this.get(l);
    if (typeof step === 'number') this.i32(step);
    else this.get(step);
    return this.add().set(l);
  }

  /**
   * A counted loop: runs `body` while `counter` counts down from `count` to 1 (counter is clobbered).
   * Does nothing when count ≤ 0.
   */
  repeat(counter: Local, count: Local | number, body: () => void): this {
    if (typeof count === 'number') this.i32(count);
    else this.get(count);
    this.set(counter);
    return this.block(() => {
      this.get(counter).i32(0).leS().brIf(0);
      this.loop(() => {
        body();
        this.get(counter).i32(1).sub().tee(counter).i32(0).gtS().brIf(0);
      });
    });
  }

  encode(): number[] {
    const groups: number[][] = [];
    for (const l of this.locals) {
      const last = groups.at(-1);
      if (last && last[1] === VALTYPE[l.type]) last[0]++;
      else groups.push([1, VALTYPE[l.type]]);
    }
    const body = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n), t]), ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }

  signature(): number[] {
    return [0x60, ...vec(this.params.map((p) => [VALTYPE[p.type]])), ...vec(this.results.map((r) => [VALTYPE[r]]))];
  }
}

/** A module of exported functions over one imported memory (`env.memory`), shared or not. */
export function encodeModule(functions: FunctionBuilder[], sharedMemory: boolean): Uint8Array {
  const memoryLimits = sharedMemory ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(functions.map((f) => f.signature()))),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, ...memoryLimits]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map((f) => f.encode()))),
  ];
  return Uint8Array.from(bytes);
}
