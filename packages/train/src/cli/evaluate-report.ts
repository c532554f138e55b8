import { basename } from 'node:path';
import type { ModelCard } from '@inkling/core';
import type { EvaluationResult } from '../evaluate/index.js';
import { writeReport } from '../report/index.js';

/** `inkling evaluate --report DIR`: the HTML report of one evaluation (no history). */
export async function writeEvaluationReport(outDir: string, card: ModelCard, dataDir: string, result: EvaluationResult): Promise<string> {
  const report = await writeReport({ outDir, card, evaluations: [{ name: basename(dataDir), dataDir, result }], onProgress: (line) => console.error(line) });
  return report.index;
}
