/**
 * P4 (THEORY.md §7, rebuttal l. 6–7): mini-batch SGD's final population loss L(w_T, a_T) against
 * the batch size B on log–log axes: every trial (a point), the median per B (a line), and the
 * sweep's least-squares slope of log(median L_T) on log B (src/experiments/sweep/p4-protocol.ts;
 * a slope near −1 is what a gradient-noise variance ∝ 1/B predicts). Runs stop early at
 * L ≤ 1e-12, so a floor there means every batch size reached the target.
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { fmt } from '../../claims/universal-runner.ts';
import { sweepProvenance, type FigureDefinition, type FigureResult } from './figure.ts';

export const p4SweepSchema = z.looseObject({
  protocol: z.literal('P4'),
  seed: z.number().int(),
  trials: z.number().int().positive(),
  shard: z.string().optional(),
  cells: z.array(
    z.looseObject({
      batch: z.number().int().positive(),
      trials: z.number().int().positive(),
      global: z.number().int().nonnegative(),
      spurious: z.number().int().nonnegative(),
      medianLoss: z.number().nullable(),
      finalLoss: z.array(z.number().nullable()),
    }),
  ),
  summary: z.looseObject({ lossSlope: z.number().nullable(), lossSlopeStandardError: z.number().optional() }).optional(),
});

export type P4Sweep = z.output<typeof p4SweepSchema>;

export function p4Spec(sweep: P4Sweep): FigureResult {
  // A log axis shows positive losses only; a loss of exactly 0 or a diverged run (null) is counted
  // in the caption instead.
  const trials = sweep.cells.flatMap((c) => c.finalLoss.map((loss, trial) => ({ batch: c.batch, loss, trial })));
  const shown = trials.filter((t): t is { batch: number; loss: number; trial: number } => t.loss !== null && t.loss > 0);
  if (shown.length === 0) return { empty: 'no trial of the input has a positive finite final loss' };
  const medians = sweep.cells.flatMap((c) => (c.medianLoss !== null && c.medianLoss > 0 ? [{ batch: c.batch, loss: c.medianLoss }] : []));
  const batches = [...new Set(sweep.cells.map((c) => c.batch))].sort((x, y) => x - y);
  const slope = sweep.summary?.lossSlope ?? null;
  const se = sweep.summary?.lossSlopeStandardError;
  const x = { field: 'batch', type: 'quantitative', title: 'batch size B (log scale)', scale: { type: 'log', base: 2, nice: false, padding: 12 }, axis: { values: batches, format: 'd' } } as const;
  const y = { field: 'loss', type: 'quantitative', title: 'final population loss (log scale)', scale: { type: 'log' } } as const;
  const spec: TopLevelSpec = {
    width: 460,
    height: 260,
    title:
      slope === null
        ? 'no fitted slope (the input has no summary, or fewer than 3 batch sizes have a median)'
        : `slope of log median L_T on log B: ${fmt(slope, 3)}${se === undefined ? '' : ` ± ${fmt(se, 2)} (s.e.)`}`,
    layer: [
      { data: { values: shown }, mark: { type: 'point', opacity: 0.6, color: '#1f77b4' }, encoding: { x, y } },
      { data: { values: medians }, mark: { type: 'line', color: '#d62728', point: { filled: true, size: 50, color: '#d62728' } }, encoding: { x, y } },
    ],
  };
  const global = sweep.cells.reduce((n, c) => n + c.global, 0);
  const spurious = sweep.cells.reduce((n, c) => n + c.spurious, 0);
  return {
    spec,
    caption: `P4 (k = p = 16, s = 0.5, α = 0.5, β = 1, T = 5000, a fresh Gaussian batch every step): final population loss against B, each trial a blue point, the median per B in red (runs stop early at L ≤ 1e-12); ${global} of ${trials.length} runs ended global, ${spurious} spurious${shown.length < trials.length ? `, ${trials.length - shown.length} not shown (loss 0 or diverged)` : ''}; ${sweepProvenance(sweep)}.`,
  };
}

export const P4_PLOT: FigureDefinition<P4Sweep> = {
  id: 'plot-p4',
  title: 'P4: final loss of mini-batch SGD against the batch size B',
  input: 'sweep-P4.json',
  producedBy: 'shortcut-check sweep P4',
  schema: p4SweepSchema,
  claims: ['rebuttal.sgd-large-batch'],
  build: p4Spec,
};
