import { parseModelCard, sha256Hex, type ModelCard } from '@inkling/core';
import { MODEL_FILE, WEIGHTS_FILE, type GraphModelFiles, type WrittenFile } from './write-graph-model.js';

/**
 * The exported model's card: the source's card (labels, preprocessing, decision rule, metrics,
 * training provenance) with what changed: the format, the quantisation, the files and their sizes,
 * and the hash of the weight bytes as stored. Validated by core's schema before it is written.
 */
export async function exportedCard(source: ModelCard, files: GraphModelFiles, written: readonly WrittenFile[], evaluations: ModelCard['evaluations'] = []): Promise<ModelCard> {
  return parseModelCard({
    ...source,
    format: 'tfjs-graph-model',
    quantization: files.quantization,
    files: {
      model: MODEL_FILE,
      weights: [WEIGHTS_FILE],
      bytes: written.reduce((n, f) => n + f.bytes, 0),
      gzipBytes: written.reduce((n, f) => n + f.gzipBytes, 0),
    },
    weightsHash: { algorithm: 'sha256', value: await sha256Hex([files.weightData]) },
    evaluations: [...source.evaluations, ...evaluations],
  });
}
