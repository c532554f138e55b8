import type { RobustnessReport } from './suite.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The suite's report as Markdown: one row per transformation, then blank pages and shapes. */
export function formatRobustness(report: RobustnessReport): string {
  const lines = ['| drawings | n | right | right and sure | uncertain |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const t of report.transformations) lines.push(`| ${t.name} | ${t.images} | ${pct(t.right)} | ${pct(t.rightAndSure)} | ${t.uncertain} |`);
  const rejections = [report.blanks, report.shapes?.all, ...(report.shapes?.perShape ?? [])].filter((r) => r !== undefined);
  if (rejections.length) {
    lines.push('', '| none of the labels | n | answered neither or uncertain |', '| --- | ---: | ---: |');
    for (const r of rejections) lines.push(`| ${r.name} | ${r.images} | ${pct(r.rejected)} |`);
  }
  const worst = report.transformations.reduce((w, t) => (t.rightAndSure < w.rightAndSure ? t : w));
  lines.push('', `labels: ${report.labels.join(', ')}; drawings as drawn answered "uncertain": ${report.asDrawnUncertain}; lowest right and sure: ${worst.name} ${pct(worst.rightAndSure)}`);
  return lines.join('\n');
}
