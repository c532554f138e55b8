/**
 * Reading option values the way Keras (Python) reads them. A shift range of `2` and one of `2.0` mean
 * different things to Keras, and a JSON number cannot tell them apart, so numbers may also be given as
 * strings, read as Python literals: "2" is an int, "2.0" / "2e0" / ".5" are floats. Lists may be JSON
 * arrays or "a,b" / "[a, b]" strings (for CLI flags).
 */

export interface Numeric {
  value: number;
  /** Written as a Python int (no decimal point or exponent); a JS number is an int when it is whole. */
  isInt: boolean;
}

export type Problem = { problem: string };

const PY_INT = /^[+-]?\d+$/;
const PY_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumeric(input: number | string): Numeric | Problem {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { problem: `expected a finite number, got ${input}` };
    return { value: input, isInt: Number.isInteger(input) };
  }
  const text = input.trim();
  if (!PY_FLOAT.test(text)) return { problem: `expected a number, got ${JSON.stringify(input)}` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { problem: `expected a finite number, got ${JSON.stringify(input)}` };
  return { value, isInt: PY_INT.test(text) };
}

export interface NumericList {
  values: number[];
  /** Given as a list (array, "a,b" or "[a]"), as opposed to a single number. */
  wasList: boolean;
  single?: Numeric;
}

export function parseNumericList(input: number | string | readonly (number | string)[]): NumericList | Problem {
  let items: (number | string)[];
  let wasList = true;
  if (Array.isArray(input)) items = [...input];
  else if (typeof input === 'number') {
    items = [input];
    wasList = false;
  } else {
    const text = (input as string).trim();
    const bracketed = /^\[(.*)\]$/s.exec(text);
    if (bracketed) items = bracketed[1].trim() === '' ? [] : bracketed[1].split(',');
    else if (text.includes(',')) items = text.split(',');
    else {
      items = [text];
      wasList = false;
    }
  }
  const values: number[] = [];
  let single: Numeric | undefined;
  for (const item of items) {
    const n = parseNumeric(item);
    if ('problem' in n) return n;
    values.push(n.value);
    single = n;
  }
  return wasList ? { values, wasList } : { values, wasList, single };
}

/**
 * A width or height shift range in canonical form. Keras multiplies the drawn shift by the image's size
 * when `np.max(range) < 1` (`relative`).
 */
export type ShiftRange =
  | { kind: 'none' }
  /** A Keras float r: uniform in [-r, r). */
  | { kind: 'uniform'; limit: number; relative: boolean }
  /** A Keras int n ≥ 2: numpy's choice(n), an integer in [0, n), times a random sign. Never relative. */
  | { kind: 'integers'; limit: number }
  /** A Keras list: one of the values, times a random sign. */
  | { kind: 'choice'; values: number[]; relative: boolean };

export function parseShiftRange(input: number | string | readonly (number | string)[]): ShiftRange | Problem {
  const list = parseNumericList(input);
  if ('problem' in list) return list;
  if (list.wasList) {
    if (list.values.length === 0) return { problem: 'an empty list allows no shift at all; give at least one value, or 0 for no shift' };
    return { kind: 'choice', values: list.values, relative: Math.max(...list.values) < 1 };
  }
  const { value, isInt } = list.single!;
  if (value === 0) return { kind: 'none' };
  if (value < 0) return { problem: `must be ≥ 0 (Keras draws from [-r, r)), got ${value}` };
  if (isInt) {
    if (value === 1) {
      return {
        problem:
          'the int 1 means "integers from [0, 1) with a random sign" to Keras, i.e. never a shift; ' +
          'write the float "1.0" (as a string) for up to one pixel, or a fraction below 1',
      };
    }
    return { kind: 'integers', limit: value };
  }
  return { kind: 'uniform', limit: value, relative: value < 1 };
}

export function describeShiftRange(r: ShiftRange, axis: 'width' | 'height'): string {
  switch (r.kind) {
    case 'none':
      return 'none';
    case 'uniform':
      return r.relative ? `uniform in [-${r.limit}, ${r.limit}) × ${axis}` : `uniform in [-${r.limit}, ${r.limit}) pixels`;
    case 'integers':
      return `whole pixels in (-${r.limit}, ${r.limit})`;
    case 'choice':
      return `± one of [${r.values.join(', ')}]${r.relative ? ` × ${axis}` : ' pixels'}`;
  }
}
