/**
 * P2 (THEORY.md §7, rebuttal l. 25–30): GD's outcome against a_0ᵀa* along the ball's segment
 * a_0(s) = s·a* / ‖a*‖², s ∈ [−r‖a*‖, r‖a*‖] (w_0 = 0, α = 1, β per cell), one row per teacher, with
 * ε marked. The rebuttal's statement is "a_0ᵀa* < −ε ⇒ spurious, a_0ᵀa* > −ε ⇒ global" for some
 * ε > 0: a row that holds it is red left of one tick at −ε < 0 and blue right of it.
 *
 * Input: reports/sweep-P2.json (src/experiments/sweep/p2-protocol.ts), one cell per (k, scale, β)
 * with its `teachers`: sMax = r‖a*‖, the switches of the outcome along s with their brackets
 * [lo, hi], ε = {value, lower, upper} or null, the statement's judgement `separation`, and for the
 * first teacher of a cell the scanned `points` (drawn as dots). The outcome between consecutive switches is read
 * from the switches (`below` of the first, `above` of each); a teacher without a switch has one
 * outcome throughout: its points' outcome when the input has them, global when its separation is
 * 'no-switch', otherwise "not in the input". The s-axis is a_0ᵀa* / (r‖a*‖) ∈ [−1, 1], so that
 * teachers with different ‖a*‖ share it; the row label gives ε in the units of a_0ᵀa*.
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { fmt } from '../../claims/universal-runner.ts';
import { sweepProvenance, type FigureDefinition, type FigureResult } from './figure.ts';
import { OUTCOME_COLORS } from './render-svg.ts';

const teacherSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  sMax: z.number().positive(),
  separation: z.string(),
  switches: z.array(z.looseObject({ below: z.string(), above: z.string(), lo: z.number(), hi: z.number() })),
  epsilon: z.looseObject({ value: z.number(), lower: z.number(), upper: z.number() }).nullable(),
  points: z.array(z.looseObject({ s: z.number(), outcome: z.string() })).optional(),
});

export const p2SweepSchema = z.looseObject({
  protocol: z.literal('P2'),
  seed: z.number().int(),
  trials: z.number().int().positive(),
  shard: z.string().optional(),
  cells: z.array(
    z.looseObject({
      k: z.number().int().positive(),
      scale: z.number(),
      beta: z.number().positive(),
      teachers: z.array(teacherSchema),
    }),
  ),
});

export type P2Sweep = z.output<typeof p2SweepSchema>;
type P2Teacher = z.output<typeof teacherSchema>;

const NOT_IN_INPUT = 'not in the input';

interface Segment {
  readonly row: string;
  readonly from: number;
  readonly to: number;
  readonly outcome: string;
}

/** The outcome segments of a teacher's line, in units of r‖a*‖ (switch brackets as cuts at their midpoints). */
function segments(t: P2Teacher, row: string): Segment[] {
  const sorted = [...t.switches].sort((x, y) => x.lo - y.lo);
  if (sorted.length === 0) {
    const outcome = t.points?.[0]?.outcome ?? (t.separation === 'no-switch' ? 'global' : NOT_IN_INPUT);
    return [{ row, from: -1, to: 1, outcome }];
  }
  const cuts = sorted.map((w) => (w.lo + w.hi) / 2 / t.sMax);
  return [
    { row, from: -1, to: cuts[0], outcome: sorted[0].below },
    ...sorted.map((w, i) => ({ row, from: cuts[i], to: i + 1 < cuts.length ? cuts[i + 1] : 1, outcome: w.above })),
  ];
}

export function p2Spec(sweep: P2Sweep): FigureResult {
  const rows = sweep.cells.flatMap((c) =>
    c.teachers.map((t) => ({
      teacher: t,
      label: `k=${c.k} s=${c.scale} β=${c.beta} #${t.index}: ${t.epsilon === null ? 'no ε' : `ε = ${fmt(t.epsilon.value, 3)}`}`,
    })),
  );
  if (rows.length === 0) return { empty: 'the input has no teacher' };
  const bars = rows.flatMap((r) => segments(r.teacher, r.label));
  const eps = rows.flatMap((r) => (r.teacher.epsilon === null ? [] : [{ row: r.label, x: -r.teacher.epsilon.value / r.teacher.sMax }]));
  const evaluated = rows.flatMap((r) => (r.teacher.points ?? []).map((p) => ({ row: r.label, x: p.s / r.teacher.sMax })));
  const x = { field: 'from', type: 'quantitative' as const, title: 'a₀ᵀa* / (r‖a*‖)  (the ball spans [−1, 1])', scale: { domain: [-1, 1], nice: false } };
  const y = { field: 'row', type: 'nominal', title: null, sort: rows.map((r) => r.label), axis: { labelLimit: 360 } } as const;
  const spec: TopLevelSpec = {
    width: 340,
    height: { step: rows.length > 24 ? 14 : 20 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          x,
          x2: { field: 'to' },
          y,
          color: {
            field: 'outcome',
            type: 'nominal',
            title: 'outcome',
            scale: { domain: [...OUTCOME_COLORS.domain, NOT_IN_INPUT], range: [...OUTCOME_COLORS.range, '#dddddd'] },
            legend: { orient: 'bottom', values: [...new Set(bars.map((b) => b.outcome))] },
          },
        },
      },
      { data: { values: [{ from: 0 }] }, mark: { type: 'rule', color: '#000', strokeDash: [3, 3] }, encoding: { x } },
      {
        data: { values: eps },
        mark: { type: 'tick', color: '#000', thickness: 3 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y },
      },
      {
        data: { values: evaluated },
        mark: { type: 'point', shape: 'circle', filled: true, size: 6, color: '#000', opacity: 0.6 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y },
      },
    ],
  };
  return {
    spec,
    caption: `P2 (w₀ = 0, α = 1, T = 20000): GD's outcome from a₀ = s·a*/‖a*‖² against s = a₀ᵀa*, one row per teacher; the black tick is −ε (its bracket is narrower than the tick), the dashed line a₀ᵀa* = 0, the dots the starts GD ran from (kept for the first teacher of each cell); ${sweepProvenance(sweep)}.`,
  };
}

export const P2_PLOT: FigureDefinition<P2Sweep> = {
  id: 'plot-p2',
  title: 'P2: outcome against a₀ᵀa*, with ε marked',
  input: 'sweep-P2.json',
  producedBy: 'shortcut-check sweep P2',
  schema: p2SweepSchema,
  claims: ['rebuttal.trap-threshold'],
  build: p2Spec,
};
