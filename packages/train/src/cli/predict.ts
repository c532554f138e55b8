import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BackendChoice } from '../backend/index.js';
import { UserError } from './errors.js';

interface PredictFlags {
  model: string;
  json?: boolean;
  backend: BackendChoice;
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('classify image files with a model; one line per file')
    .argument('<files...>', 'image files (PNG, JPEG, WebP, GIF)')
    .requiredOption('--model <dir>', 'run folder, or a folder with model.json and card.json')
    .option('--json', 'one JSON object per line')
    .option('--backend <name>', 'auto | tensorflow | webgpu | wasm | cpu', 'auto')
    .action(async (files: string[], flags: PredictFlags) => {
      const [{ decide, preprocessToArray, toBatchTensor }, tf, { selectBackend }, { readImage }, { loadModel }] = await Promise.all([
        import('@inkling/core'),
        import('@tensorflow/tfjs-core'),
        import('../backend/index.js'),
        import('../data/index.js'),
        import('../evaluate/index.js'),
      ]);
      await selectBackend(flags.backend);
      const { card, predictor } = await loadModel(resolve(flags.model));
      let failures = 0;
      for (const file of files) {
        let input;
        try {
          input = preprocessToArray(await readImage(resolve(file)), card.preprocess);
        } catch (err) {
          failures++;
          console.error(`${file}: cannot read this image (${err instanceof Error ? err.message : String(err)})`);
          continue;
        }
        const x = toBatchTensor([input]);
        const y = tf.tidy(() => predictor.predict(x));
        const d = decide(card, await y.data(), input.ink);
        x.dispose();
        y.dispose();
        if (flags.json) console.log(JSON.stringify({ file, ...d }));
        else console.log(`${file}\t${d.label}\t${d.probability.toFixed(4)}${d.uncertain ? `\tuncertain (${d.reason})` : ''}`);
      }
      if (failures) throw new UserError(`${failures} of ${files.length} file(s) could not be read`);
    });
}
