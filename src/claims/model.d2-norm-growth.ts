/**
 * model.d2-norm-growth (THEORY.md §3 D2; rebuttal l. 21, "Lemma 5 does not require w_0 = 0"):
 * one GD step w_{t+1} = w_t − η_w ∇_w L from any w_t satisfies
 *
 *   ‖e + w_{t+1}‖² = ‖e + w_t‖² + η_w² ‖∇_w L‖²        (by D1: the cross term vanishes),
 *
 * so the norm never shrinks. Checked on the float64 step (the update of src/optim/descent.ts):
 *
 *   |‖e + w_{t+1}‖² − ‖e + w_t‖² − η_w²‖∇_w L‖²| ≤ W_IDENTITY_ULPS·u·(1 + ρ)·√p · scale,
 *   scale = ‖e + w_t‖² + η_w²‖∇_w L‖² + ‖e + w_{t+1}‖‖w_{t+1}‖ + η_w S_w ‖e + w_t‖,
 *
 * whose terms bound the roundings: of the identity's right side, of w_{t+1} (u·|w_{t+1,i}| per
 * entry), and of the cross term 2η_w⟨∇_w L, e + w_t⟩ that D1 bounds (S_w, ρ: model.point.ts).
 * The step is η_w = s·‖e + w_t‖/S_w with s log-uniform in [1e-3, 1e3], so a step moves w by up to
 * 1000 times ‖e + w‖ (η_w = s when S_w = 0).
 *
 * Margin: decades of headroom, log10(tolerance·scale / error).
 */
import fc from 'fast-check';
import { dot2 } from '../model/compensated-sum.ts';
import { shiftedNorm, scaledNorm } from '../model/vector-norm.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { logUniform } from './arbitraries.ts';
import {
  floatPoint,
  identityMargin,
  pointTrainSpec,
  profilePointArb,
  runWithSpecials,
  SPECIAL_POINTS,
  teacherDistance,
  W_IDENTITY_ULPS,
  wIdentityTolerance,
  wPrefactor,
  type FloatPoint,
  type ModelPoint,
} from './model.point.ts';
import type { TrainSpec } from './trajectory.ts';

/** A point and the step size's scale s. */
export interface StepHypothesis {
  readonly point: ModelPoint;
  readonly stepScale: number;
}

/** η_w = s·‖e + w‖/S_w (s when S_w = 0). */
function stepSize(fp: FloatPoint, stepScale: number): number {
  const prefactor = wPrefactor(fp.state);
  return prefactor === 0 ? stepScale : (stepScale * fp.state.normU) / prefactor;
}

export const modelD2NormGrowth: UniversalClaim<StepHypothesis> = {
  id: 'model.d2-norm-growth',
  kind: 'universal',
  title: 'D2: a GD step grows ‖e + w‖² by exactly η_w²‖∇_w L‖²',
  statement: `for any w_t and η_w > 0: ‖e + w_{t+1}‖² = ‖e + w_t‖² + η_w²‖∇_w L‖²; float64: within ${W_IDENTITY_ULPS}·u·(1 + ‖w − w*‖/‖e + w*‖)·√p of the scale of its roundings`,
  source: {
    lines: 'THEORY.md §3 D2; rebuttal l. 21',
    quoted: ['"Lemma 5 does not require w_0 = 0" (l. 21)', '"the norm never shrinks" (THEORY.md §3 D2)'],
    ours: [
      'D2 as the content of Lemma 5 (the lemma itself is not in our sources)',
      'one float64 step, tolerance in ulps of the rounding scale (measured)',
      'η_w = s·‖e + w‖/S_w, s ∈ [1e-3, 1e3] log-uniform; points: model.point.ts regimes and the special points (s = 1)',
    ],
  },
  formalizationVersion: 1,
  expected: 'holds',
  budgets: {
    dev: { runs: 1_000, timeMs: 30_000 },
    ci: { runs: 1_000, timeMs: 30_000 },
    nightly: { runs: 20_000, timeMs: 600_000 },
    soak: { runs: 200_000, timeMs: 3_600_000 },
  },
  violation: '‖e + w_{t+1}‖² differs from ‖e + w_t‖² + η_w²‖∇_w L‖² by more than rounding',
  hypotheses: (ctx: ClaimContext) =>
    fc.record({ point: profilePointArb(ctx), stepScale: logUniform(1e-3, 1e3) }),
  margin({ point, stepScale }: StepHypothesis): number {
    const fp = floatPoint(point);
    const eta = stepSize(fp, stepScale);
    const w1 = fp.w.map((wi, i) => wi - eta * fp.gradW[i]);
    const n1 = shiftedNorm(w1, fp.t.e);
    const n0 = fp.state.normU;
    const rhs = n0 * n0 + eta * eta * dot2(fp.gradW, fp.gradW);
    const scale = rhs + n1 * scaledNorm(w1) + eta * wPrefactor(fp.state) * n0;
    return identityMargin(Math.abs(n1 * n1 - rhs), scale, wIdentityTolerance(teacherDistance(fp), point.p));
  },
  toTrainSpec: ({ point, stepScale }: StepHypothesis): TrainSpec =>
    pointTrainSpec(point, 1, stepSize(floatPoint(point), stepScale), 1),
  run(ctx: ClaimContext): ClaimResult {
    const specials = SPECIAL_POINTS.map((s) => ({ name: s.name, hypothesis: { point: s.point, stepScale: 1 } }));
    return runWithSpecials(this, ctx, specials);
  },
};
