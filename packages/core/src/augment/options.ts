import { z } from 'zod';
import { describeShiftRange, parseNumeric, parseNumericList, parseShiftRange, type ShiftRange } from './parse-values.js';

export type { ShiftRange } from './parse-values.js';

export const FILL_MODES = ['nearest', 'constant', 'reflect', 'wrap'] as const;
export type FillMode = (typeof FILL_MODES)[number];

/** Keras's ImageDataGenerator options, camelCased, as written in a config file or on the command line. */
export interface AugmentOptionsInput {
  /** Degrees; each image turns by a uniform angle in [-r, r). */
  rotationRange?: number | string;
  /** Keras's reading: a float < 1 is a fraction of the width, a float ≥ 1 pixels, an int n ≥ 2 whole pixels
   * from (-n, n), a list the allowed values (times a random sign). Write "2.0" (a string) for a float that
   * JSON would turn into the int 2. */
  widthShiftRange?: number | string | (number | string)[];
  heightShiftRange?: number | string | (number | string)[];
  /** Degrees (as Keras since 2.x, not radians). */
  shearRange?: number | string;
  /** z gives factors in [1 - z, 1 + z]; or [lo, hi]. Above 1 shrinks the picture (Keras's inverse map). */
  zoomRange?: number | string | (number | string)[];
  /** [lo, hi]: each image's pixels are multiplied by a factor drawn from it. */
  brightnessRange?: (number | string)[] | string | null;
  /** In input units: one value from [-r, r) is added to every channel, clipped to the image's own min/max. */
  channelShiftRange?: number | string;
  fillMode?: FillMode;
  /** The fill value for fillMode 'constant', in input units. */
  cval?: number | string;
  horizontalFlip?: boolean | 'true' | 'false';
  verticalFlip?: boolean | 'true' | 'false';
  /** Multiplies after every other step (Keras's `standardize`); 0 or null for none. "1/255" is accepted. */
  rescale?: number | string | null;
  /** Keras's `interpolation_order`: 1 bilinear (default), 0 nearest. */
  interpolationOrder?: 0 | 1 | '0' | '1';
  /** Not a Keras option: the range pixel values occupy before `rescale`; brightness results are clipped to it
   * (PIL clips to [0, 255] in Keras). Inkling's preprocessing gives [0, 1], the default. */
  valueRange?: (number | string)[] | string;
}

/** Every option with its default filled in and every value in its one canonical form. */
export interface AugmentOptions {
  rotationRange: number;
  widthShiftRange: ShiftRange;
  heightShiftRange: ShiftRange;
  shearRange: number;
  zoomRange: [number, number];
  brightnessRange: [number, number] | null;
  channelShiftRange: number;
  fillMode: FillMode;
  cval: number;
  horizontalFlip: boolean;
  verticalFlip: boolean;
  rescale: number | null;
  interpolationOrder: 0 | 1;
  valueRange: [number, number];
}

const scalarInput = z.union([z.number(), z.string()], { error: (iss) => `expected a number, got ${show(iss.input)}` });
const listInput = z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))], {
  error: (iss) => `expected a number or a list of numbers, got ${show(iss.input)}`,
});

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Runs a parser that returns either the value or a problem (a string) and turns the problem into an issue. */
function check<I, O>(parse: (input: I) => O | { problem: string }) {
  return (input: I, ctx: z.RefinementCtx): O => {
    const out = parse(input);
    if (typeof out === 'object' && out !== null && 'problem' in out) {
      ctx.addIssue({ code: 'custom', message: out.problem, input });
      return z.NEVER;
    }
    return out;
  };
}

function nonNegative(max: number, unit: string) {
  return scalarInput.transform(
    check((input: number | string) => {
      const n = parseNumeric(input);
      if ('problem' in n) return n;
      if (n.value < 0) return { problem: `must be ≥ 0 (Keras draws from [-r, r)), got ${n.value}` };
      if (n.value > max) return { problem: `must be at most ${max}${unit}, got ${n.value}` };
      return n.value;
    }),
  );
}

const shiftRange = listInput.transform(check(parseShiftRange));

const zoomRange = listInput.transform(
  check((input: number | string | (number | string)[]): [number, number] | { problem: string } => {
    const list = parseNumericList(input);
    if ('problem' in list) return list;
    if (list.values.length === 1 && !list.wasList) {
      const z = list.values[0];
      if (z < 0) return { problem: `must be ≥ 0, got ${z}` };
      if (z >= 1) return { problem: `${z} gives zoom factors from ${1 - z} to ${1 + z}; every factor must be > 0, so use a number below 1 or [lo, hi]` };
      return [1 - z, 1 + z];
    }
    if (list.values.length !== 2) return { problem: `needs one number or exactly two [lo, hi], got ${list.values.length} values` };
    const [lo, hi] = list.values;
    if (!(lo > 0) || lo > hi) return { problem: `[lo, hi] needs 0 < lo ≤ hi, got [${lo}, ${hi}]` };
    return [lo, hi];
  }),
);

function pair(what: string, valid: (lo: number, hi: number) => string | null) {
  return z
    .union([z.array(z.union([z.number(), z.string()])), z.string()], {
      error: (iss) => `expected [lo, hi] ${what}, got ${show(iss.input)}`,
    })
    .transform(
      check((input: (number | string)[] | string): [number, number] | { problem: string } => {
        const list = parseNumericList(input);
        if ('problem' in list) return list;
        if (list.values.length !== 2) return { problem: `expected [lo, hi] ${what}, got ${show(input)}` };
        const [lo, hi] = list.values;
        const problem = valid(lo, hi);
        return problem ? { problem } : [lo, hi];
      }),
    );
}

const booleanInput = z
  .union([z.boolean(), z.literal('true'), z.literal('false')], { error: (iss) => `expected true or false, got ${show(iss.input)}` })
  .transform((v) => v === true || v === 'true');

const rescale = z
  .union([z.number(), z.string(), z.null()], { error: (iss) => `expected a number (e.g. 0.00392 or "1/255") or null, got ${show(iss.input)}` })
  .transform(
    check((input: number | string | null): number | null | { problem: string } => {
      if (input === null) return null;
      const fraction = typeof input === 'string' ? /^\s*([^/]+)\/([^/]+)$/.exec(input) : null;
      if (fraction) {
        const [num, den] = [parseNumeric(fraction[1]), parseNumeric(fraction[2])];
        if ('problem' in num) return num;
        if ('problem' in den) return den;
        if (den.value === 0) return { problem: `divides by zero: ${show(input)}` };
        return num.value / den.value || null;
      }
      const n = parseNumeric(input);
      if ('problem' in n) return n;
      // Keras: `if self.rescale:` — 0 means no rescaling.
      return n.value === 0 ? null : n.value;
    }),
  );

const fillMode = z.enum(FILL_MODES, {
  error: (iss) => `must be one of ${FILL_MODES.map((m) => `'${m}'`).join(', ')}, got ${show(iss.input)}`,
});

const interpolationOrder = z
  .union([z.literal(0), z.literal(1), z.literal('0'), z.literal('1')], { error: (iss) => `must be 0 (nearest) or 1 (bilinear), got ${show(iss.input)}` })
  .transform((v): 0 | 1 => (Number(v) === 0 ? 0 : 1));

const shape = {
  rotationRange: nonNegative(360, ' degrees').prefault(0),
  widthShiftRange: shiftRange.prefault(0),
  heightShiftRange: shiftRange.prefault(0),
  // At 90° Keras's shear matrix is singular (cos 90° = 0): every pixel would sample one line.
  shearRange: nonNegative(89, ' degrees').prefault(0),
  zoomRange: zoomRange.prefault(0),
  brightnessRange: pair('(brightness factors)', (lo, hi) => (lo < 0 || lo > hi ? `needs 0 ≤ lo ≤ hi, got [${lo}, ${hi}]` : null))
    .nullable()
    .prefault(null),
  channelShiftRange: nonNegative(Number.MAX_VALUE, '').prefault(0),
  fillMode: fillMode.prefault('nearest'),
  cval: scalarInput.transform(check(parseNumeric)).transform((n) => n.value).prefault(0),
  horizontalFlip: booleanInput.prefault(false),
  verticalFlip: booleanInput.prefault(false),
  rescale: rescale.prefault(null),
  interpolationOrder: interpolationOrder.prefault(1),
  valueRange: pair('(the input pixel range)', (lo, hi) => (lo < hi ? null : `needs lo < hi, got [${lo}, ${hi}]`)).prefault([0, 1]),
};

export const AUGMENT_OPTION_NAMES = Object.keys(shape) as (keyof AugmentOptions)[];

/** Keras options that are deliberately absent, with the reason a user gets when they try one. */
const UNSUPPORTED: Record<string, string> = {
  featurewiseCenter: 'needs statistics of the whole data set; put normalisation in the preprocessing spec instead',
  samplewiseCenter: 'is normalisation, not augmentation; put it in the preprocessing spec instead',
  featurewiseStdNormalization: 'needs statistics of the whole data set; put normalisation in the preprocessing spec instead',
  samplewiseStdNormalization: 'is normalisation, not augmentation; put it in the preprocessing spec instead',
  zcaWhitening: 'needs statistics of the whole data set and is not supported',
  zcaEpsilon: 'belongs to zcaWhitening, which is not supported',
  preprocessingFunction: 'cannot come from a config file; preprocessing is the model card\'s preprocessing spec',
  dataFormat: 'is always channels-last in Inkling',
  validationSplit: 'belongs to the training config (validationSplit), not to augmentation',
  dtype: 'is always float32',
};

const camelCase = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function unknownKeyMessage(keys: readonly string[]): string {
  return keys
    .map((key) => {
      const camel = camelCase(key);
      if (camel !== key && (AUGMENT_OPTION_NAMES as string[]).includes(camel)) return `'${key}' and '${camel}' are the same option: give it once`;
      if (UNSUPPORTED[camel]) return `'${key}' is a Keras option Inkling does not support: it ${UNSUPPORTED[camel]}`;
      const near = AUGMENT_OPTION_NAMES.find((name) => name.toLowerCase() === camel.toLowerCase().replace(/[-_]/g, ''));
      return `unknown option '${key}'${near ? ` (did you mean '${near}'?)` : ''}; the options are ${AUGMENT_OPTION_NAMES.join(', ')}`;
    })
    .join('; ');
}

/** Keras's snake_case names (width_shift_range) are accepted too, so a Keras config can be pasted in. */
function acceptSnakeCase(input: unknown): unknown {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const camel = camelCase(key);
    // Unknown names keep their spelling, so the error quotes what the user wrote.
    const known = (AUGMENT_OPTION_NAMES as string[]).includes(camel);
    out[!known || camel in out || (camel !== key && Object.hasOwn(input, camel)) ? key : camel] = value;
  }
  return out;
}

const objectSchema = z.strictObject(shape, {
  error: (iss) => {
    if (iss.code === 'unrecognized_keys') return unknownKeyMessage(iss.keys);
    if (iss.code === 'invalid_type') return `augmentation options must be an object of Keras ImageDataGenerator options, got ${show(iss.input)}`;
    return undefined;
  },
});

/**
 * The augmentation options as they come from a JSON config or CLI flags: Keras's names (camelCase or
 * snake_case), Keras's defaults, numbers also as strings (so "2.0" can stay a float), lists also as
 * "a,b" strings. Parses to {@link AugmentOptions}.
 */
export const augmentOptionsSchema: z.ZodType<AugmentOptions, AugmentOptionsInput | undefined> = z.preprocess(
  acceptSnakeCase,
  objectSchema,
) as unknown as z.ZodType<AugmentOptions, AugmentOptionsInput | undefined>;

export class InvalidAugmentOptionsError extends Error {
  override readonly name = 'InvalidAugmentOptionsError';
}

/** Parses options; the error names every option that is wrong and why. */
export function parseAugmentOptions(input: unknown = {}): AugmentOptions {
  const result = augmentOptionsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new InvalidAugmentOptionsError(`invalid augmentation options: ${problems}`);
  }
  return result.data;
}

/** True when the options change nothing, so a trainer can skip augmentation entirely. */
export function isIdentityOptions(o: AugmentOptions): boolean {
  return (
    o.rotationRange === 0 &&
    o.widthShiftRange.kind === 'none' &&
    o.heightShiftRange.kind === 'none' &&
    o.shearRange === 0 &&
    o.zoomRange[0] === 1 &&
    o.zoomRange[1] === 1 &&
    o.brightnessRange === null &&
    o.channelShiftRange === 0 &&
    !o.horizontalFlip &&
    !o.verticalFlip &&
    o.rescale === null
  );
}

/** One line per option that does something, for logs and the preview command. */
export function describeAugmentOptions(o: AugmentOptions): string[] {
  const lines: string[] = [];
  if (o.rotationRange) lines.push(`rotation: uniform in [-${o.rotationRange}°, ${o.rotationRange}°)`);
  if (o.widthShiftRange.kind !== 'none') lines.push(`width shift: ${describeShiftRange(o.widthShiftRange, 'width')}`);
  if (o.heightShiftRange.kind !== 'none') lines.push(`height shift: ${describeShiftRange(o.heightShiftRange, 'height')}`);
  if (o.shearRange) lines.push(`shear: uniform in [-${o.shearRange}°, ${o.shearRange}°)`);
  if (o.zoomRange[0] !== 1 || o.zoomRange[1] !== 1) lines.push(`zoom: factors in [${o.zoomRange[0]}, ${o.zoomRange[1]}) per axis (> 1 shrinks)`);
  if (o.horizontalFlip) lines.push('horizontal flip: half of the images');
  if (o.verticalFlip) lines.push('vertical flip: half of the images');
  if (o.channelShiftRange) lines.push(`channel shift: uniform in [-${o.channelShiftRange}, ${o.channelShiftRange})`);
  if (o.brightnessRange) lines.push(`brightness: × uniform in [${o.brightnessRange[0]}, ${o.brightnessRange[1]}), clipped to [${o.valueRange[0]}, ${o.valueRange[1]}]`);
  if (o.rescale !== null) lines.push(`rescale: × ${o.rescale}`);
  if (lines.length) lines.push(`fill: ${o.fillMode}${o.fillMode === 'constant' ? ` (cval ${o.cval})` : ''}, ${o.interpolationOrder ? 'bilinear' : 'nearest'} interpolation`);
  return lines;
}
