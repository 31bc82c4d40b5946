/**
 * Renders a Vega-Lite specification to a standalone SVG string in Node: Vega-Lite compiles it to a
 * Vega specification, a headless Vega view (renderer 'none': no canvas, no DOM) runs the dataflow,
 * and the SVG string renderer draws the scene graph. No script runs in the page that shows it.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The common look of the report's plots (fonts, sizes), merged into each spec's `config`. */
export const PLOT_CONFIG = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 13, anchor: 'start' as const, offset: 8 },
  view: { stroke: '#888' },
} as const;

/** The outcomes of THEORY.md §7, with a colour each (shared by every outcome plot). */
export const OUTCOME_COLORS = {
  domain: ['global', 'spurious', 'undecided', 'diverged'],
  range: ['#2c7bb6', '#d7191c', '#fdae61', '#404040'],
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const withConfig = { ...spec, config: { ...PLOT_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const view = new View(parse(compile(withConfig).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
