/**
 * The basin map (src/experiments/basin-map.ts): GD's outcome over the slice of starts
 * (a_0ᵀa*, φ_0) of one teacher, one coloured cell per start, with the boundaries of the basins of
 * THEORY.md §5 (rebuttal l. 23–24) drawn: a_0ᵀa* = 0 and φ_0 = π/2. With a_0ᵀa* to the right and
 * φ_0 upwards, R1 = {aᵀa* > 0, φ < π/2} is the lower-right quadrant and R2 = {aᵀa* < 0, φ > π/2}
 * the upper-left one; the dotted row is w_0 = 0 (φ_0 = ∠(e, e + w*)), the segment P2 scans.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BasinMap } from '../../experiments/basin-map.ts';
import { fmt } from '../../claims/universal-runner.ts';
import type { FigureContent } from './figure.ts';
import { OUTCOME_COLORS } from './render-svg.ts';

export const BASIN_PLOT_ID = 'plot-basin';
export const BASIN_PLOT_TITLE = 'Basin map: GD outcome over (a₀ᵀa*, φ₀), with the R1/R2 boundaries';
export const BASIN_PLOT_CLAIMS: readonly string[] = ['rebuttal.basin-R1', 'rebuttal.basin-R2', 'rebuttal.trap-threshold'];

export function basinSpec(map: BasinMap): FigureContent {
  const o = map.options;
  const x = { field: 'sLo', type: 'quantitative' as const, title: 'a₀ᵀa*', scale: { domain: [-map.sMax, map.sMax], nice: false } };
  const y = {
    field: 'phiLo',
    type: 'quantitative' as const,
    title: 'φ₀ = ∠(e + w₀, e + w*) (radians)',
    scale: { domain: [0, Math.PI], nice: false },
    axis: { values: [0, Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4, Math.PI], labelExpr: "['0', 'π/4', 'π/2', '3π/4', 'π'][round(datum.value / (PI / 4))]" },
  };
  const labels = [
    { x: map.sMax / 2, y: Math.PI / 4, text: 'R1' },
    { x: -map.sMax / 2, y: (3 * Math.PI) / 4, text: 'R2' },
  ];
  const spec: TopLevelSpec = {
    width: 420,
    height: 320,
    layer: [
      {
        data: { values: map.cells.map((c) => ({ ...c })) },
        // Each cell is stroked in its own colour: without it anti-aliasing draws seams between cells.
        mark: { type: 'rect', strokeWidth: 0.5 },
        encoding: {
          x,
          x2: { field: 'sHi' },
          y,
          y2: { field: 'phiHi' },
          color: { field: 'outcome', type: 'nominal', title: 'GD outcome', scale: OUTCOME_COLORS, legend: { orient: 'right' } },
          stroke: { field: 'outcome', type: 'nominal', scale: OUTCOME_COLORS, title: 'GD outcome', legend: { orient: 'right' } },
        },
      },
      { data: { values: [{ sLo: 0 }] }, mark: { type: 'rule', color: '#000', strokeWidth: 2 }, encoding: { x } },
      { data: { values: [{ phiLo: Math.PI / 2 }] }, mark: { type: 'rule', color: '#000', strokeWidth: 2 }, encoding: { y } },
      { data: { values: [{ phiLo: map.shortcutAngle }] }, mark: { type: 'rule', color: '#fff', strokeDash: [2, 3], strokeWidth: 2 }, encoding: { y } },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 22, fontWeight: 'bold', color: '#fff', stroke: '#000', strokeWidth: 0.6 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  };
  return {
    spec,
    caption: `One teacher (k = p = ${o.k}, scale ${o.scale}, seed ${o.seed}, ∠(e, e + w*) = ${fmt(map.shortcutAngle, 3)}), ‖e + w₀‖ = 1 in the plane of e and e + w*, a₀ = s·a*/‖a*‖²; GD with η_a = ${fmt(map.etaA, 3)}, η_w = ${fmt(map.etaW, 3)} (α = ${o.alpha}, β = ${o.beta}), T = ${o.steps}, on a ${o.sCells} × ${o.phiCells} grid. Black lines: a₀ᵀa* = 0 and φ₀ = π/2 (R1 lower right, R2 upper left); dotted white row: w₀ = 0.`,
  };
}
