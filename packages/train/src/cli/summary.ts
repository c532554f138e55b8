import type { Command } from 'commander';
import { parseIntOption, parseShape } from './options.js';
import { UserError } from './errors.js';

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description("print a Keras-style summary of an architecture (the seed's LeNet at 150x150x3 by default)")
    .option('--model <name>', 'lenet | vgg16 (the transfer model: frozen base and head) | vgg16-base', 'lenet')
    .option('--input-shape <HxWxC>', 'input shape', parseShape, [150, 150, 3])
    .option('--classes <n>', 'number of classes', parseIntOption, 2)
    .action(async (opts: { model: string; inputShape: [number, number, number]; classes: number }) => {
      const [{ lenet, summary, vgg16Base }, { selectBackend }] = await Promise.all([import('@inkling/core/architectures'), import('../backend/index.js')]);
      await selectBackend('cpu');
      if (opts.model === 'lenet') console.log(summary(lenet({ inputShape: opts.inputShape, classes: opts.classes })));
      else if (opts.model === 'vgg16-base') console.log(summary(vgg16Base({ inputShape: opts.inputShape })));
      else if (opts.model === 'vgg16') {
        const { buildTransferModel } = await import('../vgg16/index.js');
        console.log(summary((await buildTransferModel({ inputShape: opts.inputShape, classes: opts.classes })).model));
      } else throw new UserError(`unknown model "${opts.model}"; choose lenet, vgg16 or vgg16-base`);
    });
}
