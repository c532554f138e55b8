export { writeReport, type ReportEvaluation, type ReportLimits, type WriteReportOptions, type WrittenEvaluation, type WrittenReport, type MisclassifiedSheetJson } from './write-report.js';
export { collectDatasetStats, splitStats, type DatasetStats, type SplitStats, type SplitInput } from './data/dataset-stats.js';
export type { ReportHistoryRow } from './charts/history-chart.js';
export { confusionReport, type ConfusionReport } from './confusion.js';
export { renderVegaLite, type RenderedChart } from './charts/render-vega.js';
export { svgToPng } from './images/rasterise.js';
export { outlineSvgText } from './text/outline-svg-text.js';
export { renderAugmentGrid, type Augmenter, type AugmentGridOptions, type AugmentGrid } from './augment-grid.js';
