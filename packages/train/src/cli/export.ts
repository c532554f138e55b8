import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import type { BackendChoice } from '../backend/index.js';
import type { ExportResult, Quantization } from '../export/index.js';
import { UserError } from './errors.js';

interface ExportFlags {
  run?: string;
  model?: string;
  out: string;
  quantize: Quantization;
  data?: string;
  backend: BackendChoice;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function report(r: ExportResult): string[] {
  const near = relative(process.cwd(), r.sourceDir);
  const from = near === '' ? '.' : near.startsWith('..') ? r.sourceDir : near;
  const lines = [`exported ${from} (layers model) to ${r.outDir} as a tfjs graph model, quantization ${r.quantization}`];
  const width = Math.max(...r.files.map((f) => f.name.length), 'total'.length);
  for (const f of r.files) lines.push(`  ${f.name.padEnd(width)}  ${kB(f.bytes).padStart(10)}  (gzip ${kB(f.gzipBytes)})`);
  const total = r.files.reduce((n, f) => n + f.bytes, 0);
  const gzip = r.files.reduce((n, f) => n + f.gzipBytes, 0);
  lines.push(`  ${'total'.padEnd(width)}  ${kB(total).padStart(10)}  (gzip ${kB(gzip)}); the layers model is ${kB(r.sourceBytes)}`);
  lines.push(r.card ? `  card.json: ${r.card.name} ${r.card.version}, weights sha256 ${r.card.weightsHash.value.slice(0, 16)}…` : '  no card.json (the source has none)');
  const c = r.comparison;
  if (c) {
    const pct = (a: number) => `${(a * 100).toFixed(2)}%`;
    const sign = c.deltaPoints >= 0 ? '+' : '';
    lines.push(`accuracy on ${c.dataDir} (${c.images} images): layers model ${pct(c.source.accuracy)}, exported ${pct(c.exported.accuracy)}, change ${sign}${c.deltaPoints.toFixed(2)} points`);
    lines.push(`  same answer for ${c.sameDecisions} of ${c.images} images; largest probability difference ${c.maxAbsDiff.toExponential(2)}`);
    const skipped = c.source.skipped.length;
    if (skipped) lines.push(`  ${skipped} file(s) could not be read and were skipped`);
  }
  return lines;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('convert a layers model (a run\'s best model, or a folder) to a tfjs graph model with its card, optionally quantised')
    .option('--run <dir>', 'training run folder (exports its best model, RUNDIR/model/)')
    .option('--model <dir>', 'folder with a tfjs layers model.json, its weights and (usually) card.json')
    .requiredOption('--out <dir>', 'folder to write model.json, weights.bin and card.json to')
    .addOption(new Option('--quantize <mode>', 'weight quantisation').choices(['none', 'float16', 'uint8'] satisfies Quantization[]).default('none'))
    .option('--data <dir>', 'folder with one sub-folder of images per label: print the accuracy of the exported model against the source')
    .option('--backend <name>', 'auto | tensorflow | webgpu | wasm | cpu', 'auto')
    .action(async (flags: ExportFlags) => {
      // Loaded on use, like every command's implementation: tfjs and sharp cost seconds of start-up.
      const [{ selectBackend }, { ExportError, exportModel }] = await Promise.all([import('../backend/index.js'), import('../export/index.js')]);
      await selectBackend(flags.backend);
      let result: ExportResult;
      try {
        result = await exportModel({ run: flags.run, model: flags.model, out: flags.out, quantize: flags.quantize, data: flags.data, onWarning: (m) => console.error(`warning: ${m}`) });
      } catch (err) {
        if (err instanceof ExportError || (err instanceof Error && err.name === 'UnsupportedLayerError')) throw new UserError(err.message);
        throw err;
      }
      for (const line of report(result)) console.log(line);
    });
}
