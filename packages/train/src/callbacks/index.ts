/**
 * Keras's training callbacks for tfjs-layers' `model.fit` / `model.fitDataset`, with Keras's names,
 * arguments (camelCased), defaults and semantics; each stateful one has getState()/setState() (JSON)
 * so a killed run resumes with the same counters, best values and learning rate.
 */
export { CSVLogger, type CSVLoggerArgs } from './csv-logger.js';
export { EarlyStopping, type EarlyStoppingArgs, type EarlyStoppingState } from './early-stopping.js';
export { formatFilepath } from './format-filepath.js';
export { DEFAULT_HISTORY_KEYS, HistoryRecorder, type HistoryRecorderArgs, type HistoryRecorderState, type HistoryRow } from './history-recorder.js';
export { getLearningRate, LearningRateError, setLearningRate } from './learning-rate.js';
export { logValue, resolveLogs, type Logs, type Printer, type UnresolvedLogs } from './logs.js';
export { ModelCheckpoint, type ModelCheckpointArgs, type ModelCheckpointState } from './model-checkpoint.js';
export { isImprovement, MonitorCallback, resolveDirection, type Direction, type Mode, type MonitorArgs } from './monitor-callback.js';
export { ProgbarLogger, type OutputStream, type ProgbarLoggerArgs } from './progbar-logger.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauArgs, type ReduceLROnPlateauState } from './reduce-lr-on-plateau.js';
