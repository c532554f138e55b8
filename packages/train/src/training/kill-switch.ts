import * as tfl from '@tensorflow/tfjs-layers';

/** The test hook: `INKLING_TEST_KILL_AT=epoch:batch` (both from 0). */
export const KILL_AT_ENV = 'INKLING_TEST_KILL_AT';

/**
 * Kills the process with SIGKILL after a given batch, the way a crash or `kill -9` would, so the
 * resume test interrupts a run mid-epoch at a known place. Only present when the variable is set.
 */
export class KillSwitch extends tfl.Callback {
  private epoch = 0;

  constructor(
    private readonly atEpoch: number,
    private readonly atBatch: number,
  ) {
    super();
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): KillSwitch | undefined {
    const m = /^(\d+):(\d+)$/.exec(env[KILL_AT_ENV] ?? '');
    return m ? new KillSwitch(Number(m[1]), Number(m[2])) : undefined;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
  }

  override async onBatchEnd(batch: number): Promise<void> {
    if (this.epoch === this.atEpoch && batch === this.atBatch) process.kill(process.pid, 'SIGKILL');
  }
}
