/** Median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Images per second for a batch of `batch` images that took `ms` milliseconds. */
export function imagesPerSecond(batch: number, ms: number): number {
  return (batch * 1000) / ms;
}

/** A figure with 3 significant digits, as a benchmark table wants it ("0.0741", "12.5", "1350"). */
export function formatRate(value: number | null): string {
  if (value == null || !Number.isFinite(value)) return '–';
  if (value >= 100) return value.toFixed(0);
  return value.toPrecision(3);
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const isNumeric = (s: string) => /^[\d.–×-]+$/.test(s);
  const line = (cells: string[]) =>
    cells.map((c, i) => (i > 0 && isNumeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
