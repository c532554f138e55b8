import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BackendChoice } from '../backend/index.js';

interface EvaluateFlags {
  model: string;
  data: string;
  json?: boolean;
  predictions?: string;
  report?: string;
  backend: BackendChoice;
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('score a model (run folder, layers or graph model) on a folder of labelled images')
    .requiredOption('--model <dir>', 'run folder, or a folder with model.json and card.json')
    .requiredOption('--data <dir>', 'folder with one sub-folder of images per label')
    .option('--json', 'print the result as JSON')
    .option('--predictions <file.csv>', 'write one row per image: path, label, predicted, probability')
    .option('--report <dir>', 'write an HTML report with the confusion matrix and the misclassified images')
    .option('--backend <name>', 'auto | tensorflow | webgpu | wasm | cpu', 'auto')
    .action(async (flags: EvaluateFlags) => {
      const [{ selectBackend }, { flowFromDirectory }, { evaluate, loadModel }, { formatEvaluation, predictionsCsv }, { writeFileAtomic }] = await Promise.all([
        import('../backend/index.js'),
        import('../data/index.js'),
        import('../evaluate/index.js'),
        import('../evaluate/format.js'),
        import('../util/atomic.js'),
      ]);
      await selectBackend(flags.backend);
      const loaded = await loadModel(resolve(flags.model));
      const data = await flowFromDirectory(resolve(flags.data), { spec: loaded.card.preprocess, shuffle: false, batchSize: 32, cacheBytes: 0, classMode: 'sparse', onWarning: (m) => console.error(`warning: ${m}`) });
      const result = await evaluate(loaded.predictor, data, loaded.card);
      if (flags.predictions) await writeFileAtomic(resolve(flags.predictions), predictionsCsv(result.predictions));
      if (flags.report) {
        const { writeEvaluationReport } = await import('./evaluate-report.js');
        console.error(`report: ${await writeEvaluationReport(resolve(flags.report), loaded.card, resolve(flags.data), result)}`);
      }
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else console.log(formatEvaluation(result, `${loaded.card.name} ${loaded.card.version} (${loaded.format}) on ${flags.data}`));
    });
}
