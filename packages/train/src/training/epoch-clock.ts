import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Tells the training data which epoch fit is in. fitDataset opens its first iterator before the
 * first epoch and throws it away, so counting iterators runs one epoch ahead, and a resumed run
 * counts from wherever it starts; this clock is moved by fit itself, so epoch k always draws epoch
 * k's shuffle and augmentation, resumed or not.
 */
export class EpochClock extends tfl.Callback {
  private current: number;

  constructor(initialEpoch: number) {
    super();
    this.current = initialEpoch;
  }

  get epoch(): number {
    return this.current;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.current = epoch;
  }
}
