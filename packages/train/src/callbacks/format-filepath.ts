/**
 * Python's `str.format` as Keras's ModelCheckpoint uses it on `filepath`
 * (`filepath.format(epoch=epoch + 1, **logs)`): `{name}` and `{name:spec}` fields with the format
 * mini-language `[[fill]align][sign][0][width][,][.precision][type]`, types d f F e E g G % (and
 * none), `{{`/`}}` for literal braces. Names in `ints` (epoch, batch) are integers, every other value
 * a float, as in Keras: `{epoch}` gives `3`, `{loss}` gives `0.5` or `1.0`, and `{loss:d}` is an
 * error as in Python.
 */
export function formatFilepath(template: string, values: Record<string, number>, ints: ReadonlySet<string> = INTS): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (c === '}' && template[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw formatError(template, "Single '{' encountered in format string");
      const field = template.slice(i + 1, end);
      const colon = field.indexOf(':');
      const name = colon < 0 ? field : field.slice(0, colon);
      const spec = colon < 0 ? '' : field.slice(colon + 1);
      if (!(name in values)) throw formatError(template, `'${name}' is not a logged value (have: ${Object.keys(values).join(', ')})`);
      out += formatValue(values[name], ints.has(name), spec, template);
      i = end + 1;
    } else if (c === '}') {
      throw formatError(template, "Single '}' encountered in format string");
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const INTS: ReadonlySet<string> = new Set(['epoch', 'batch']);
const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?([,_])?(?:\.(\d+))?([dfFeEgG%])?$/;

function formatError(template: string, reason: string): Error {
  return new Error(`Failed to format this callback filepath: "${template}". Reason: ${reason}`);
}

function formatValue(value: number, isInt: boolean, spec: string, template: string): string {
  const m = SPEC.exec(spec);
  if (!m) throw formatError(template, `invalid format specifier '${spec}'`);
  const [, fillChar, alignChar, sign = '-', zero, widthText, grouping, precisionText, type] = m;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  if (type === 'd' && !isInt) throw formatError(template, "Unknown format code 'd' for object of type 'float'");
  if (isInt && !Number.isInteger(value)) throw formatError(template, `expected an integer, got ${value}`);

  let body = digits(Math.abs(value), isInt, type, precision);
  if (grouping) body = group(body, grouping);
  const signText = value < 0 || Object.is(value, -0) ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  const width = widthText === undefined ? 0 : Number(widthText);
  const fill = fillChar ?? (zero && !alignChar ? '0' : ' ');
  const align = alignChar ?? (zero ? '=' : '>');
  const padding = Math.max(0, width - signText.length - body.length);
  if (align === '=') return signText + fill.repeat(padding) + body;
  const text = signText + body;
  if (align === '<') return text + fill.repeat(padding);
  if (align === '^') return fill.repeat(Math.floor(padding / 2)) + text + fill.repeat(Math.ceil(padding / 2));
  return fill.repeat(padding) + text;
}

/** The unsigned digits of `v` (>= 0) in the given type. */
function digits(v: number, isInt: boolean, type: string | undefined, precision: number | undefined): string {
  if (Number.isNaN(v)) return type && type === type.toUpperCase() && type !== '%' ? 'NAN' : 'nan';
  if (!Number.isFinite(v)) return type && type === type.toUpperCase() && type !== '%' ? 'INF' : 'inf';
  switch (type) {
    case 'd':
      return String(v);
    case 'f':
    case 'F':
      return toFixed(v, precision ?? 6);
    case 'e':
    case 'E':
      return exponent(v.toExponential(precision ?? 6), type === 'E');
    case 'g':
    case 'G':
      return general(v, precision ?? 6, type === 'G');
    case '%':
      return `${toFixed(v * 100, precision ?? 6)}%`;
    default:
      if (isInt) return String(v);
      if (precision !== undefined) return general(v, precision, false);
      return repr(v);
  }
}

/** Python's repr of a float: shortest round-trip digits, `1.0` for integers, `1e-05` style exponents. */
function repr(v: number): string {
  if (v !== 0 && (v < 1e-4 || v >= 1e16)) return exponent(v.toExponential(), false);
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** Python's 'g': fixed or exponent notation depending on the exponent, trailing zeros dropped. */
function general(v: number, precision: number, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (v === 0) return '0';
  const exp = Number(v.toExponential(p - 1).split('e')[1]);
  return exp >= -4 && exp < p ? stripZeros(toFixed(v, p - 1 - exp)) : exponent(stripMantissa(v.toExponential(p - 1)), upper);
}

/**
 * `v.toFixed(p)` rounded as Python rounds: to the nearest, ties to even. JS rounds exact ties up
 * (0.125 -> '0.13', Python '0.12'), and accuracies over a few samples are often exact ties.
 */
function toFixed(v: number, p: number): string {
  const js = v.toFixed(p);
  if (v >= 1e21 || p >= 100) return js;
  // A double's exact decimal expansion ends within 100 places whenever it can be a tie at p < 100.
  const exact = v.toFixed(100);
  const rest = exact.slice(exact.indexOf('.') + 1 + p);
  if (!/^50*$/.test(rest)) return js;
  const down = exact.slice(0, exact.indexOf('.') + 1 + p).replace(/\.$/, '');
  const last = Number(down[down.length - 1]);
  return last % 2 === 0 ? down : js;
}

function stripZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function stripMantissa(exp: string): string {
  const [mantissa, e] = exp.split('e');
  return `${stripZeros(mantissa)}e${e}`;
}

/** JS `1.5e-5` -> Python `1.5e-05` (an exponent of at least two digits, always signed). */
function exponent(js: string, upper: boolean): string {
  const [mantissa, e] = js.split('e');
  const sign = e.startsWith('-') ? '-' : '+';
  const text = `${mantissa}e${sign}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
  return upper ? text.toUpperCase() : text;
}

function group(body: string, separator: string): string {
  const [int, frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
