import type * as tfl from '@tensorflow/tfjs-layers';
import { CSVLogger, EarlyStopping, HistoryRecorder, ModelCheckpoint, ProgbarLogger, ReduceLROnPlateau } from '../callbacks/index.js';
import type { TrainConfig } from './config.js';
import { KerasMetricNames } from './metric-names.js';
import type { RunFolder } from './run-folder.js';

/** A callback whose counters and best values survive a restart. */
export interface Stateful {
  getState(): unknown;
  setState(state: never): void;
}

export interface TrainingCallbacks {
  /** In the order fit must call them. */
  list: tfl.Callback[];
  history: HistoryRecorder;
  earlyStopping: EarlyStopping;
  best: ModelCheckpoint;
  /** By name, for the resume state. */
  stateful: Record<string, Stateful>;
}

/**
 * The run's callbacks, with the seed lesson's defaults from the config (reduce the learning rate when
 * val_accuracy stalls for 2 epochs, stop after 10, keep the best). The order matters: ReduceLROnPlateau
 * writes `lr` into the logs before the checkpoints, history, CSV and progress bar read it.
 */
export function makeCallbacks(config: TrainConfig, run: RunFolder, shape: { batchesPerEpoch: number; epochs: number }, print: (line: string) => void): TrainingCallbacks {
  const reduceLr = new ReduceLROnPlateau({ monitor: config.reduceLr.monitor, factor: config.reduceLr.factor, patience: config.reduceLr.patience, minLr: config.reduceLr.minLr, verbose: 1, print });
  const earlyStopping = new EarlyStopping({ monitor: config.earlyStopping.monitor, patience: config.earlyStopping.patience, restoreBestWeights: config.earlyStopping.restoreBestWeights, verbose: 1 });
  const best = new ModelCheckpoint(run.model, { monitor: config.checkpoint.monitor, saveBestOnly: config.checkpoint.saveBestOnly, includeOptimizer: false });
  const history = new HistoryRecorder({ path: run.history });
  const csv = new CSVLogger(run.historyCsv, { append: true });
  const progress = new ProgbarLogger({ batchesPerEpoch: shape.batchesPerEpoch, batchSize: config.batchSize, epochs: shape.epochs });
  return {
    list: [new KerasMetricNames(), reduceLr, earlyStopping, best, history, csv, progress],
    history,
    earlyStopping,
    best,
    stateful: { reduceLr, earlyStopping, best, history },
  };
}
