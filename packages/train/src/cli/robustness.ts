import type { Command } from 'commander';
import type { BackendChoice } from '../backend/index.js';
import { backendOption, parseIntOption, parsePositiveInt } from './options.js';

interface RobustnessFlags {
  model: string;
  data: string;
  negatives?: string;
  negativesCount: number;
  seed: number;
  json?: boolean;
  out?: string;
  backend: BackendChoice;
}

/** The flags of `inkling robustness`; the suite itself lives in src/robustness. */
export function registerRobustness(program: Command): void {
  program
    .command('robustness')
    .description(
      'the robustness suite: "right" and "right and sure" on labelled drawings as drawn and transformed (colour, size, tight crops to 8 px, squashed, board cells, phone photos...), and "neither or uncertain" on blank pages and non-O/X shapes',
    )
    .requiredOption('--model <dir>', 'run folder, or a folder with model.json and card.json')
    .requiredOption('--data <dir>', 'labelled images, one sub-folder per label (e.g. test/fixtures/real-ox-dev)')
    .option('--negatives <dir>', 'shapes that are none of the labels (<shape>/*.png); default: generated (inkling dataset --negatives)')
    .option('--negatives-count <n>', 'how many shapes to generate when --negatives is not given', parsePositiveInt, 350)
    .option('--seed <n>', 'seed of the seeded transformations', parseIntOption, 1)
    .option('--json', 'print the report as JSON')
    .option('--out <file.md>', 'also write the table as Markdown')
    .addOption(backendOption())
    .action(async (flags: RobustnessFlags) => {
      const { printRobustness, robustnessCommand } = await import('../robustness/command.js');
      await printRobustness(await robustnessCommand(flags), flags);
    });
}
