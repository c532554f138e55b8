import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ModelCard } from '@inkling/core';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { readModelArtifacts } from '../layers-model-files/index.js';
import { writeJsonAtomic } from '../util/atomic.js';
import { compareOnFolder, type ModelComparison } from './compare.js';
import { ExportError } from './errors.js';
import { exportedCard } from './export-card.js';
import type { Quantization } from './quantize.js';
import { loadSourceModel, resolveSourceDir } from './source-model.js';
import { toGraphModel, writeGraphModel, type WrittenFile } from './write-graph-model.js';
import { dataSetName } from '../util/data-name.js';

export interface ExportRequest {
  /** A training run's folder (its best model is RUNDIR/model/). */
  run?: string;
  /** A folder with a layers model.json and its weights (and usually card.json). */
  model?: string;
  out: string;
  quantize?: Quantization;
  /** A folder of `<label>/*.png|jpg` to score the source and the exported model on. */
  data?: string;
  onWarning?: (message: string) => void;
}

export interface ExportResult {
  sourceDir: string;
  outDir: string;
  quantization: Quantization;
  /** Bytes of the source layers model (model.json + weights). */
  sourceBytes: number;
  files: WrittenFile[];
  /** The card written beside the graph model; absent when the source had none. */
  card?: ModelCard;
  comparison?: ModelComparison;
}

function checkData(data: string): string {
  const dir = resolve(data);
  if (!existsSync(dir)) throw new ExportError(`data folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new ExportError(`${dir} is not a folder; --data takes a folder with one sub-folder of images per label`);
  return dir;
}

/**
 * `inkling export`: reads a layers model, writes its graph model (model.json + weights.bin, quantised
 * as asked) to `out`, then its card. With `data`, the written files are loaded back and scored against
 * the source model before the card is written, and the result joins the card's evaluations.
 */
export async function exportModel(request: ExportRequest): Promise<ExportResult> {
  const warn = request.onWarning ?? (() => {});
  const quantization = request.quantize ?? 'none';
  const sourceDir = resolveSourceDir(request);
  const outDir = resolve(request.out);
  if (outDir === sourceDir) throw new ExportError(`--out ${outDir} is the source model's folder; the graph model's model.json would replace the layers model's. Choose another folder`);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new ExportError(`--out ${outDir} is a file, not a folder`);
  const dataDir = request.data === undefined ? undefined : checkData(request.data);

  const source = await loadSourceModel(sourceDir);
  try {
    if (!source.card) {
      if (dataDir) throw new ExportError(`${sourceDir} has no card.json, so there is no preprocessing spec to score --data with`);
      warn(`${sourceDir} has no card.json: writing the graph model without a card`);
    }
    const files = await toGraphModel(source.model, { quantize: quantization });
    const written = await writeGraphModel(files, outDir);

    let comparison: ModelComparison | undefined;
    const evaluations: ModelCard['evaluations'] = [];
    if (dataDir && source.card) {
      // Score the files as written, through the stock loader, not the in-memory conversion.
      const graph = await loadGraphModel(tf.io.fromMemory(await readModelArtifacts(outDir)));
      try {
        const layers = source.model;
        comparison = await compareOnFolder(
          { predict: (x) => layers.predict(x) as tf.Tensor, dispose: () => {} },
          { predict: (x) => graph.predict(x) as tf.Tensor, dispose: () => {} },
          source.card,
          dataDir,
          warn,
        );
      } finally {
        graph.dispose();
      }
      evaluations.push({
        data: dataSetName(dataDir),
        images: comparison.images,
        accuracy: comparison.exported.accuracy,
        note: `exported graph model (quantization ${quantization}); the source layers model scored ${(comparison.source.accuracy * 100).toFixed(2)}%`,
      });
    }
    const card = source.card ? await exportedCard(source.card, files, written, evaluations) : undefined;
    if (card) await writeJsonAtomic(resolve(outDir, 'card.json'), card);
    return { sourceDir, outDir, quantization, sourceBytes: source.bytes, files: written, card, comparison };
  } finally {
    source.model.dispose();
  }
}
