/**
 * P3 (THEORY.md §7, rebuttal l. 56–58): the steps until L ≤ 1e-8·L(w_0, a_0) against k on log–log
 * axes, median and 90% quantile per k over the trials that reached the target, and the fitted line
 *
 *   log(median steps) = c + d·log k,   i.e. steps = e^c · k^d,
 *
 * whose slope d is the fitted degree of the polynomial (from the sweep's summary,
 * src/experiments/sweep/p3-protocol.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { fmt } from '../../claims/universal-runner.ts';
import { sweepProvenance, type FigureDefinition, type FigureResult } from './figure.ts';

const stepsStatistic = z.number().positive().nullable();

export const p3SweepSchema = z.looseObject({
  protocol: z.literal('P3'),
  seed: z.number().int(),
  trials: z.number().int().positive(),
  shard: z.string().optional(),
  cells: z.array(
    z.looseObject({
      k: z.number().int().positive(),
      trials: z.number().int().positive(),
      reached: z.number().int().nonnegative(),
      medianSteps: stepsStatistic,
      q90Steps: stepsStatistic,
    }),
  ),
  summary: z
    .looseObject({
      degree: z.number().nullable(),
      degreeStandardError: z.number().nullable().optional(),
      intercept: z.number().optional(),
    })
    .optional(),
});

export type P3Sweep = z.output<typeof p3SweepSchema>;

const MEDIAN = 'median steps';
const Q90 = '90% quantile';
const FIT = 'fit to the medians';

export function p3Spec(sweep: P3Sweep): FigureResult {
  const points = sweep.cells.flatMap((c) => [
    ...(c.medianSteps === null ? [] : [{ k: c.k, steps: c.medianSteps, series: MEDIAN, reached: c.reached, trials: c.trials }]),
    ...(c.q90Steps === null ? [] : [{ k: c.k, steps: c.q90Steps, series: Q90, reached: c.reached, trials: c.trials }]),
  ]);
  if (points.length === 0) return { empty: 'no cell of the input reached the loss target' };
  const ks = [...new Set(points.map((p) => p.k))].sort((x, y) => x - y);
  const degree = sweep.summary?.degree ?? null;
  const intercept = sweep.summary?.intercept;
  const fit =
    degree !== null && intercept !== undefined
      ? [ks[0], ks[ks.length - 1]].map((k) => ({ k, steps: Math.exp(intercept + degree * Math.log(k)), series: FIT }))
      : [];
  const se = sweep.summary?.degreeStandardError;
  const degreeText =
    degree === null
      ? 'no fitted degree (the input has no summary: a shard, or fewer than 3 cells reached the target)'
      : `fitted degree d = ${fmt(degree, 3)}${typeof se === 'number' ? ` ± ${fmt(se, 2)} (s.e.)` : ''}`;
  const x = { field: 'k', type: 'quantitative', title: 'k = p (log scale)', scale: { type: 'log', base: 2, nice: false, padding: 12 }, axis: { values: ks, format: 'd' } } as const;
  const y = { field: 'steps', type: 'quantitative', title: 'steps to L ≤ 1e-8·L₀ (log scale)', scale: { type: 'log' } } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: [MEDIAN, Q90, FIT], range: ['#1f77b4', '#ff7f0e', '#555555'] },
    legend: { orient: 'bottom', labelLimit: 400 },
  } as const;
  const spec: TopLevelSpec = {
    width: 460,
    height: 260,
    title: degreeText,
    layer: [
      { data: { values: points }, mark: { type: 'line', point: { size: 40, filled: true } }, encoding: { x, y, color } },
      { data: { values: fit }, mark: { type: 'line', strokeDash: [6, 4] }, encoding: { x, y, color } },
    ],
  };
  return {
    spec,
    caption: `P3 (s = 0.5, α = β = 1, ball init): steps until L ≤ 1e-8·L(w₀, a₀) against k on log–log axes, median and 90% quantile over the trials that reached the target; the dashed line is the least-squares fit of log(median) on log k, its slope the degree; ${sweepProvenance(sweep)}.`,
  };
}

export const P3_PLOT: FigureDefinition<P3Sweep> = {
  id: 'plot-p3',
  title: 'P3: steps against k (log–log) with the fitted degree',
  input: 'sweep-P3.json',
  producedBy: 'shortcut-check sweep P3',
  schema: p3SweepSchema,
  claims: ['thm.polynomial-time'],
  build: p3Spec,
};
