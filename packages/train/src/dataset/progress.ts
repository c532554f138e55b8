import cliProgress from 'cli-progress';

/**
 * Progress on stderr with cli-progress (as training's ProgbarLogger): a bar redrawn in place on a
 * terminal; elsewhere (logs, CI) the same line every 10 s and at the end, so logs stay short.
 */
export function stderrProgress(what: string): (done: number, total: number) => void {
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  return (done, total) => {
    const rate = done / Math.max((performance.now() - started) / 1000, 1e-3);
    if (!bar) {
      bar = new cliProgress.SingleBar({
        stream: process.stderr,
        format: `${what}: {value}/{total} images ({percentage}%), {rate} images/s, {eta}s left {bar}`,
        barsize: 20,
        hideCursor: false,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      });
      bar.start(total, 0, { rate: '0' });
    }
    bar.update(done, { rate: rate.toFixed(0) });
    if (done >= total) bar.stop();
  };
}
