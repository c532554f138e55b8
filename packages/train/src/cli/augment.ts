import type { Command } from 'commander';
import type { AugmentFlags } from './augment-run.js';
import { parseIntOption, parsePositiveInt } from './options.js';

export function registerAugment(program: Command): void {
  program
    .command('augment')
    .description('preview augmentation: one image through preprocessing and ImageDataGenerator, shown as a grid')
    .requiredOption('--image <file>', 'the image (PNG, JPEG, WebP, GIF…)')
    .option('--config <augment.json>', "ImageDataGenerator options (Keras names, camelCased or snake_case), or a run's config.json; default: what inkling train applies")
    .option('--spec <spec.json>', "preprocessing spec or model card; default: the --config run's, else what inkling train applies")
    .option('--count <n>', 'augmented versions to show', parsePositiveInt, 16)
    .option('--seed <n>', 'seed: the same seed gives the same grid', parseIntOption, 42)
    .option('--tile-size <px>', 'side of each picture', parsePositiveInt, 128)
    .option('--columns <n>', 'pictures per row (default: a near-square grid)', parsePositiveInt)
    .requiredOption('--out <grid.png>', 'the PNG to write')
    .action(async (flags: AugmentFlags) => {
      // Loaded on use: preprocessing, tfjs and sharp cost seconds of start-up that other commands need not pay.
      const { runAugment } = await import('./augment-run.js');
      await runAugment(flags);
    });
}
