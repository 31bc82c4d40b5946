/**
 * P1 (THEORY.md §7): the success rate (share of trials ending **global**) with its Wilson 95%
 * interval, from reports/sweep-P1.json (cells of src/experiments/sweep/p1-protocol.ts):
 *
 * - against k: grid B, k = p ∈ {2, …, 128}, ResNet (w_0 = 0, β = 10) against CNN (w_0 = u − e,
 *   β = 1), s = 1 (rebuttal l. 41–45: success rises with k, not exponentially fast to 1);
 * - against β: grid A, β ∈ {0.1, 1, 10} for k ∈ {4, 16, 64}, one panel per teacher scale s, both
 *   inits (rebuttal l. 46–47: a smaller η_w = β·η_a does not lower the success rate).
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { sweepProvenance, type FigureDefinition, type FigureResult } from './figure.ts';

const p1CellSchema = z.looseObject({
  k: z.number().int().positive(),
  s: z.number(),
  beta: z.number().positive(),
  init: z.enum(['resnet', 'cnn']),
  grids: z.array(z.enum(['A', 'B'])),
  trials: z.number().int().positive(),
  global: z.number().int().nonnegative(),
  ciLow: z.number(),
  ciHigh: z.number(),
});

export const p1SweepSchema = z.looseObject({
  protocol: z.literal('P1'),
  seed: z.number().int(),
  trials: z.number().int().positive(),
  shard: z.string().optional(),
  cells: z.array(p1CellSchema),
});

export type P1Sweep = z.output<typeof p1SweepSchema>;
type P1Cell = P1Sweep['cells'][number];

const INIT_LABEL = { resnet: 'ResNet (w₀ = 0)', cnn: 'CNN (w₀ = u − e)' } as const;

/** A cell as a plotted row: the rate and its interval. */
function rateRow(c: P1Cell): Record<string, number | string> {
  return { k: c.k, s: c.s, beta: c.beta, init: INIT_LABEL[c.init], rate: c.global / c.trials, ciLow: c.ciLow, ciHigh: c.ciHigh, trials: c.trials };
}

const RATE_AXIS = { field: 'rate', type: 'quantitative' as const, title: 'success rate (share global)', scale: { domain: [0, 1] } };

export function p1AgainstKSpec(sweep: P1Sweep): FigureResult {
  const cells = sweep.cells.filter((c) => c.grids.includes('B'));
  if (cells.length === 0) return { empty: 'the input has no cell of grid B (k = p ∈ {2, …, 128}, s = 1)' };
  // The two series are drawn 4% apart in k so that their intervals do not hide each other.
  const values = cells.map((c) => ({ ...rateRow(c), series: `${INIT_LABEL[c.init]}, β = ${c.beta}`, kShown: c.k * (c.init === 'resnet' ? 0.96 : 1.04) }));
  const ks = [...new Set(cells.map((c) => c.k))].sort((x, y) => x - y);
  const x = { field: 'kShown', type: 'quantitative', title: 'k = p (log scale)', scale: { type: 'log', base: 2, nice: false, padding: 12 }, axis: { values: ks, format: 'd' } } as const;
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 } } as const;
  const spec: TopLevelSpec = {
    width: 460,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'ciLow', type: 'quantitative' }, y2: { field: 'ciHigh' }, color } },
      { mark: { type: 'line', point: { size: 40, filled: true } }, encoding: { x, y: RATE_AXIS, color } },
    ],
  };
  return {
    spec,
    caption: `P1, grid B (s = 1, α = 1, a₀ uniform in the ball, T = 20000): share of trials ending global against k, with Wilson 95% intervals; ${sweepProvenance(sweep)}.`,
  };
}

export function p1AgainstBetaSpec(sweep: P1Sweep): FigureResult {
  const cells = sweep.cells.filter((c) => c.grids.includes('A'));
  if (cells.length === 0) return { empty: 'the input has no cell of grid A (k ∈ {4, 16, 64}, β ∈ {0.1, 1, 10})' };
  // Offsets in β (a few % per k and init) keep the intervals of the six series apart.
  const ks = [...new Set(cells.map((c) => c.k))].sort((x, y) => x - y);
  const betas = [...new Set(cells.map((c) => c.beta))].sort((x, y) => x - y);
  const values = cells.map((c) => {
    const shift = (ks.indexOf(c.k) - (ks.length - 1) / 2) * 0.06 + (c.init === 'resnet' ? -0.02 : 0.02);
    return { ...rateRow(c), betaShown: c.beta * Math.exp(shift) };
  });
  const x = { field: 'betaShown', type: 'quantitative', title: 'β = η_w / η_a (log scale)', scale: { type: 'log', nice: false, padding: 14 }, axis: { values: betas } } as const;
  const color = { field: 'k', type: 'ordinal', title: 'k = p', scale: { scheme: 'dark2' }, legend: { orient: 'bottom' } } as const;
  const dash = { field: 'init', type: 'nominal', title: 'init', legend: { orient: 'bottom', symbolType: 'stroke', symbolStrokeWidth: 2, labelLimit: 400, encode: { symbols: { update: { stroke: { value: '#333' } } } } } } as const;
  const spec: TopLevelSpec = {
    data: { values },
    facet: { column: { field: 's', type: 'ordinal', title: 'teacher scale s (w* = s·ξ/√p)' } },
    spec: {
      width: 180,
      height: 220,
      layer: [
        { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { field: 'ciLow', type: 'quantitative' }, y2: { field: 'ciHigh' }, color } },
        { mark: { type: 'line', point: { size: 30, filled: true } }, encoding: { x, y: RATE_AXIS, color, strokeDash: dash } },
      ],
    },
  };
  return {
    spec,
    caption: `P1, grid A (α = 1, a₀ uniform in the ball, T = 20000): share of trials ending global against β, per k (colour) and init (dash), with Wilson 95% intervals; ${sweepProvenance(sweep)}.`,
  };
}

export const P1_AGAINST_K: FigureDefinition<P1Sweep> = {
  id: 'plot-p1-k',
  title: 'P1: success rate against k, ResNet against CNN',
  input: 'sweep-P1.json',
  producedBy: 'shortcut-check sweep P1',
  schema: p1SweepSchema,
  claims: ['rebuttal.success-vs-k', 'thm.main'],
  build: p1AgainstKSpec,
};

export const P1_AGAINST_BETA: FigureDefinition<P1Sweep> = {
  id: 'plot-p1-beta',
  title: 'P1: success rate against β',
  input: 'sweep-P1.json',
  producedBy: 'shortcut-check sweep P1',
  schema: p1SweepSchema,
  claims: ['rebuttal.small-lr'],
  build: p1AgainstBetaSpec,
};
