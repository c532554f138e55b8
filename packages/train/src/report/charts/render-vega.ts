import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY, measureText, weightOf } from '../text/font.js';
import { outlineSvgText } from '../text/outline-svg-text.js';

export interface RenderedChart {
  /** The chart as SVG, its text already outlined (see outlineSvgText). */
  svg: string;
  width: number;
  height: number;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

/** vega-scenegraph's text measurer; exported by vega at run time but missing from its typings. */
interface TextMetrics {
  width: (item: TextItem, text: string) => number;
}

let measuring = false;

/**
 * Without a canvas, vega guesses text widths from the character count, so labels would be laid
 * out for one font and drawn in another. Measure with the font the text will be outlined in.
 */
function measureWithReportFont(): void {
  if (measuring) return;
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = (item, text) => measureText(String(text), item.fontSize ?? 11, weightOf(item.fontWeight));
  measuring = true;
}

/** Font settings every chart gets, so what vega measures is what is drawn. */
export const CHART_CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'bold' as const },
  // Keeps the end labels inside the plot, so panels side by side have their titles at one height.
  axisY: { labelFlush: true },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const, offset: 10 },
};

/** Compiles a vega-lite spec and renders it headless (no canvas, no browser) to SVG. */
export async function renderVegaLite(spec: TopLevelSpec): Promise<RenderedChart> {
  measureWithReportFont();
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = outlineSvgText(await view.toSVG());
    const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    if (!match) throw new Error('vega produced an SVG without a width and height');
    return { svg, width: Number(match[1]), height: Number(match[2]) };
  } finally {
    view.finalize();
  }
}
