import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { preprocessSpecSchema, type PreprocessSpec, type RawImage } from '@inkling/core';
import { ImageDataGenerator, InvalidAugmentOptionsError } from '@inkling/core/augment';
import { selectBackend } from '../backend/index.js';
import { readImage } from '../data/read-image.js';
import { renderAugmentGrid, type Augmenter } from '../report/augment-grid.js';
import { DEFAULT_AUGMENT, DEFAULT_COLOR, DEFAULT_IMAGE_SIZE, defaultSpec } from '../training/config.js';
import { writeFileAtomic } from '../util/atomic.js';
import { UserError } from './errors.js';
import { parseIntOption, parsePositiveInt } from './options.js';

const MAX_COUNT = 256;

export interface AugmentFlags {
  image: string;
  config?: string;
  spec?: string;
  count: number;
  seed: number;
  tileSize: number;
  columns?: number;
  out: string;
}

async function readJson(path: string, flag: string): Promise<unknown> {
  if (!existsSync(path)) throw new UserError(`${flag} ${path}: no such file`);
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${flag} ${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface AugmentSource {
  options: Record<string, unknown>;
  source: string;
  /** The run's preprocessing when --config is a run's config.json. */
  runPreprocess?: unknown;
}

/**
 * ImageDataGenerator options from a file of options, or from a run's config.json (its `augment`, and
 * its `preprocess` for --spec's default); without --config, exactly what `inkling train` applies.
 */
async function augmentOptions(path: string | undefined): Promise<AugmentSource> {
  if (!path) return { options: { ...DEFAULT_AUGMENT }, source: "inkling train's default augmentation" };
  const json = await readJson(path, '--config');
  const isRunConfig = isObject(json) && isObject(json.augment);
  const options = isRunConfig ? json.augment : json;
  if (!isObject(options)) throw new UserError(`--config ${path} must hold an object of ImageDataGenerator options (e.g. {"rotationRange": 20}), got ${JSON.stringify(json)?.slice(0, 60)}`);
  return { options, source: path, runPreprocess: isRunConfig ? json.preprocess : undefined };
}

/** The preprocessing: --spec (a spec, or a model card with one), else the --config run's, else `inkling train`'s default. */
async function preprocessSpec(path: string | undefined, runPreprocess: unknown, runSource: string): Promise<{ spec: PreprocessSpec; source: string }> {
  let input: unknown;
  let source: string;
  if (path) {
    const json = await readJson(path, '--spec');
    input = isObject(json) && isObject(json.preprocess) ? json.preprocess : json;
    source = path;
  } else if (runPreprocess !== undefined) {
    input = runPreprocess;
    source = runSource;
  } else {
    input = defaultSpec(DEFAULT_IMAGE_SIZE, DEFAULT_COLOR);
    source = "inkling train's default preprocessing";
  }
  const parsed = preprocessSpecSchema.safeParse(input);
  if (!parsed.success) throw new UserError(`${source} is not a valid preprocessing spec: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`).join('; ')}`);
  return { spec: parsed.data, source };
}

async function decode(path: string): Promise<RawImage> {
  if (!existsSync(path)) throw new UserError(`--image ${path}: no such file`);
  try {
    return await readImage(path);
  } catch (err) {
    throw new UserError(`--image ${path} is not an image inkling can read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function runAugment(flags: AugmentFlags): Promise<{ out: string; width: number; height: number }> {
  if (flags.count > MAX_COUNT) throw new UserError(`--count ${flags.count} is too many; at most ${MAX_COUNT}`);
  const out = resolve(flags.out);
  if (extname(out).toLowerCase() !== '.png') throw new UserError(`--out ${flags.out}: the grid is a PNG, so the file name must end in .png`);
  const image = await decode(resolve(flags.image));
  const { options, source, runPreprocess } = await augmentOptions(flags.config && resolve(flags.config));
  const { spec, source: specSource } = await preprocessSpec(flags.spec && resolve(flags.spec), runPreprocess, source);
  let generator: ImageDataGenerator;
  try {
    generator = new ImageDataGenerator(options);
  } catch (err) {
    if (err instanceof InvalidAugmentOptionsError) throw new UserError(`${source}: ${err.message}`);
    throw err;
  }
  if (generator.options.rescale !== null && spec.rescale !== 1) {
    console.error(`warning: ${source} sets rescale ${generator.options.rescale}, but preprocessing already rescales (by ${spec.rescale}); the model would see values ${generator.options.rescale} times smaller. Leave rescale out.`);
  }
  await selectBackend('cpu');
  const augment: Augmenter = (x, seed) => generator.augmentBatch(x, seed);
  const grid = await renderAugmentGrid({ image, spec, augment, count: flags.count, seed: flags.seed, tileSize: flags.tileSize, columns: flags.columns, title: `${flags.image}: ${flags.count} augmented versions, seed ${flags.seed}` });
  await writeFileAtomic(out, grid.png);
  console.log(`wrote ${out} (${grid.width}×${grid.height}): the file, what the model sees, and ${flags.count} augmented versions; augmentation from ${source}, preprocessing from ${specSource}`);
  return { out, width: grid.width, height: grid.height };
}
