import { Command, CommanderError } from 'commander';
import { UserError } from './errors.js';
import { registerSummary } from './summary.js';
import { registerTrain } from './train.js';
import { registerEvaluate } from './evaluate.js';
import { registerPredict } from './predict.js';
import { registerDataset } from './dataset.js';
import { registerAugment } from './augment.js';
import { registerExport } from './export.js';
import { registerRobustness } from './robustness.js';

export function buildProgram(): Command {
  const program = new Command('inkling')
    .description('Train small image classifiers offline and serve them at the edge.')
    .showHelpAfterError()
    .exitOverride();
  registerSummary(program);
  registerTrain(program);
  registerEvaluate(program);
  registerPredict(program);
  registerDataset(program);
  registerAugment(program);
  registerExport(program);
  registerRobustness(program);
  return program;
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // Production mode: skips tfjs's debug checks and its console banner suggesting tfjs-node.
  (await import('@tensorflow/tfjs-core')).enableProdMode();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserError) {
      console.error(`inkling: ${err.message}`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(`inkling: ${message}`);
    if (process.env.INKLING_DEBUG && err instanceof Error) console.error(err.stack);
    return 1;
  }
}
