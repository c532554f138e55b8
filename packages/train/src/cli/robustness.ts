import type { Command } from 'commander';
import type { BackendChoice } from '../backend/index.js';
import { parsePositiveInt } from './options.js';

interface RobustnessFlags {
  model: string;
  data: string;
  negatives?: string;
  negativesCount: number;
  json?: boolean;
  out?: string;
  backend: BackendChoice;
}

export function registerRobustness(program: Command): void {
  program
    .command('robustness')
    .description('the robustness suite: accuracy on labelled images as they are and transformed (inverted, recoloured, 12 px, cropped tight, JPEG 30, rotated ±15°, blurred, grid lines), and "uncertain" on blank pages and non-O/X shapes')
    .requiredOption('--model <dir>', 'run folder, or a folder with model.json and card.json')
    .requiredOption('--data <dir>', 'labelled images, one sub-folder per label')
    .option('--negatives <dir>', 'shapes that are none of the labels (<shape>/*.png); default: generated (inkling dataset --negatives)')
    .option('--negatives-count <n>', 'how many shapes to generate when --negatives is not given', parsePositiveInt, 350)
    .option('--json', 'print the rows as JSON')
    .option('--out <file.md>', 'also write the table as Markdown')
    .option('--backend <name>', 'auto | tensorflow | webgpu | wasm | cpu', 'auto')
    .action(async (flags: RobustnessFlags) => {
      const [{ mkdtempSync, rmSync }, { tmpdir }, { join, resolve }, { selectBackend }, { loadModel }, { formatRobustness, runRobustness }, { BLANKS, TRANSFORMS }, { generateNegatives }, { writeFileAtomic }] = await Promise.all([
        import('node:fs'),
        import('node:os'),
        import('node:path'),
        import('../backend/index.js'),
        import('../evaluate/index.js'),
        import('../evaluate/robustness.js'),
        import('../robustness/index.js'),
        import('../dataset/index.js'),
        import('../util/atomic.js'),
      ]);
      await selectBackend(flags.backend);
      const { card, predictor } = await loadModel(resolve(flags.model));
      let negativesDir = flags.negatives ? resolve(flags.negatives) : undefined;
      const scratch = negativesDir ? undefined : mkdtempSync(join(tmpdir(), 'inkling-negatives-'));
      try {
        if (scratch) {
          negativesDir = join(scratch, 'shapes');
          await generateNegatives({ out: negativesDir, count: flags.negativesCount, examplesPerStyle: 0, onProgress: () => {} });
        }
        const blanks = await Promise.all(BLANKS.map(async (b) => ({ name: b.name, bytes: await b.make() })));
        const rows = await runRobustness({ predictor, card, dataDir: resolve(flags.data), transforms: [...TRANSFORMS], blanks, negativesDir });
        const table = formatRobustness(rows);
        if (flags.out) await writeFileAtomic(resolve(flags.out), `${table}\n`);
        console.log(flags.json ? JSON.stringify(rows, null, 2) : table);
      } finally {
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      }
    });
}
