/**
 * Progress on stderr: a line rewritten in place on a terminal, otherwise a plain line every tenth
 * of the way (logs and CI stay short).
 */
export function stderrProgress(what: string): (done: number, total: number) => void {
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  let lastTenth = -1;
  return (done, total) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    const left = (total - done) / Math.max(rate, 1e-3);
    const line = `${what}: ${done}/${total} images (${Math.floor((100 * done) / total)}%), ${rate.toFixed(0)} images/s, ${left.toFixed(0)} s left`;
    if (tty) {
      process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== lastTenth || done === total) {
      lastTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  };
}
