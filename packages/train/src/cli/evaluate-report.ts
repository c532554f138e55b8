import type { ModelCard } from '@inkling/core';
import type { EvaluationResult } from '../evaluate/index.js';
import { UserError } from './errors.js';

/** Hooks `inkling evaluate --report` to the report writer once it exists. */
export async function writeEvaluationReport(_outDir: string, _card: ModelCard, _dataDir: string, _result: EvaluationResult): Promise<void> {
  throw new UserError('--report is not available yet');
}
