/**
 * rebuttal.lemma5-any-w0 (rebuttal l. 21): "Lemma 5 does not require w_0 = 0". Lemma 5's statement
 * is not in our sources; its most likely content is D2 (THEORY.md §3): since ∇_w L ⟂ e + w (D1), a GD
 * step w_{t+1} = w_t − η_w ∇_w L satisfies
 *
 *   ‖e + w_{t+1}‖² = ‖e + w_t‖² + η_w² ‖∇_w L(w_t, a_t)‖²        (the norm never shrinks),
 *
 * for any w_0, a_0 and step sizes. Checked at every step of recorded GD runs from w_0 anywhere.
 *
 * Float64: each step is checked with the error model of `model.d2-norm-growth` (model.point.ts):
 *
 *   |‖e + w_{t+1}‖² − ‖e + w_t‖² − η_w²‖∇_w L‖²| ≤ W_IDENTITY_ULPS·u·(1 + ρ)·√p·scale,
 *   scale = ‖e + w_t‖² + η_w²‖∇_w L‖² + ‖e + w_{t+1}‖‖w_{t+1}‖ + η_w S_w ‖e + w_t‖,
 *
 * ρ = ‖w_t − w*‖/‖e + w*‖ and S_w = |aᵀa*|(π − φ)/(2π‖e + w‖), applied to the w_{t+1} GD actually
 * stored. What this claim adds to that point claim: whole GD runs (a_t evolving with any α, the
 * norm growing step after step) from w_0 anywhere.
 */
import fc from 'fast-check';
import { descentSpecOf } from '../io/train-spec.ts';
import { dot2 } from '../model/compensated-sum.ts';
import { scaledNorm, shiftedNorm } from '../model/vector-norm.ts';
import { CONSTANT, firstLayerStep } from '../optim/schedule.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import { finiteDouble, studentArb, teacherArb } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import {
  floatPoint,
  identityMargin,
  teacherDistance,
  UNIT_ROUNDOFF,
  W_IDENTITY_ULPS,
  wIdentityTolerance,
  wPrefactor,
  type ModelPoint,
} from './model.point.ts';
import { fmt, runUniversal } from './universal-runner.ts';
import { runSpec, type TrainSpec } from './trajectory.ts';

/** The longest run checked (every step is checked). */
const MAX_STEPS = 30;

/** The worst step of D2 over a run: its margin (decades of headroom) and error / (u·(1 + ρ)·√p·scale). */
export interface NormGrowthResidual {
  readonly margin: number;
  readonly ulps: number;
  readonly step: number;
  /** Steps checked. */
  readonly steps: number;
}

/** D2 for one stored step w → wNext with first-layer step η_w at the point (w, a). */
export function d2Step(point: ModelPoint, wNext: Float64Array, etaW: number): { margin: number; ulps: number } {
  const fp = floatPoint(point);
  const n0 = fp.state.normU;
  const n1 = shiftedNorm(wNext, fp.t.e);
  const rhs = n0 * n0 + etaW * etaW * dot2(fp.gradW, fp.gradW);
  const scale = rhs + n1 * scaledNorm(wNext) + etaW * wPrefactor(fp.state) * n0;
  const error = Math.abs(n1 * n1 - rhs);
  const rho = teacherDistance(fp);
  return {
    margin: identityMargin(error, scale, wIdentityTolerance(rho, point.p)),
    ulps: error / (UNIT_ROUNDOFF * (1 + rho) * Math.sqrt(point.p) * scale),
  };
}

/** Replays the run of `spec` (recorded every step with vectors) and checks D2 at every step. */
export function normGrowthResidual(spec: TrainSpec): NormGrowthResidual {
  const descent = descentSpecOf(spec);
  const trajectory = runSpec(spec).trajectory ?? [];
  let worst = { margin: Infinity, ulps: 0 };
  let where = -1;
  let checked = 0;
  for (let i = 0; i + 1 < trajectory.length; i++) {
    const now = trajectory[i];
    const next = trajectory[i + 1];
    if (now.w === undefined || next.w === undefined || now.a === undefined) {
      throw new RangeError(`trajectory point ${i} has no vectors (record must be {every: 1, vectors: true})`);
    }
    if (next.step !== now.step + 1) {
      throw new RangeError(`trajectory steps ${now.step} and ${next.step} are not consecutive`);
    }
    const etaW = firstLayerStep(descent.schedule ?? CONSTANT, descent.etaW, now.step);
    const point: ModelPoint = { p: spec.p, k: spec.k, w: now.w, a: now.a, wStar: spec.wStar, aStar: spec.aStar };
    const step = d2Step(point, Float64Array.from(next.w), etaW);
    checked++;
    if (!(step.margin >= worst.margin)) {
      worst = step;
      where = now.step;
    }
  }
  return { ...worst, step: where, steps: checked };
}

export const rebuttalLemma5AnyW0: UniversalClaim<TrainSpec> = {
  id: 'rebuttal.lemma5-any-w0',
  kind: 'universal',
  title: 'D2 (the norm of e + w only grows under GD) holds for any w_0',
  statement:
    'for any w_0 (not only 0), any a_0 and any step sizes, every GD step satisfies ‖e + w_{t+1}‖² = ‖e + w_t‖² + η_w²‖∇_w L‖² (D2, our reading of Lemma 5)',
  source: {
    lines: 'rebuttal l. 21',
    quoted: ['"Lemma 5 does not require w_0 = 0. We will remove it in the revision." (l. 21)'],
    ours: [
      "Lemma 5's statement is not in our sources: we check D2 (THEORY.md §3), its most likely content",
      'teachers at any angle φ_0 ∈ [0, π], p, k ≤ 12, ‖a*‖ ∈ [0.1, 10]',
      'w_0 at any angle φ ∈ [0, π] from v*, ‖e + w_0‖ ∈ [1e-3, 1e3]; a_0 with aᵀa* of either sign, scale ∈ [1e-3, 1e3]',
      'η_a = α·2π/(π−1+k), α ∈ [1e-3, 4] (beyond the stable α < 2); η_w = β·η_a, β ∈ [1e-3, 1e3]; T ≤ 30, every step checked',
      `each step's equality within ${W_IDENTITY_ULPS}·u·(1 + ‖w_t − w*‖/‖e + w*‖)·√p of its rounding scale (model.d2-norm-growth's measured error model)`,
    ],
  },
  formalizationVersion: 1,
  expected: 'holds',
  budgets: {
    dev: { runs: 1_000, timeMs: 20_000 },
    ci: { runs: 1_000, timeMs: 20_000 },
    nightly: { runs: 5_000, timeMs: 600_000 },
    soak: { runs: 50_000, timeMs: 3_600_000 },
  },
  violation: 'a GD step changed ‖e + w‖² by other than η_w²‖∇_w L‖² beyond rounding',
  hypotheses: () =>
    teacherArb({ pMax: 12, kMax: 12, phi0Max: Math.PI }).chain((t) =>
      fc
        .record({
          sign: fc.constantFrom<1 | -1>(1, -1),
          log10AScale: finiteDouble(-3, 3),
        })
        .chain(({ sign, log10AScale }) =>
          fc.record({
            student: studentArb(t, { phiMin: 0, phiMax: Math.PI, rMin: 1e-3, rMax: 1e3, sign, aScale: 10 ** log10AScale }),
            alpha: finiteDouble(1e-3, 4),
            beta: finiteDouble(1e-3, 1e3),
            steps: fc.integer({ min: 1, max: MAX_STEPS }),
          }),
        )
        .map(({ student, alpha, beta, steps }): TrainSpec => {
          const { etaA, etaW } = protocolStepSizes(t.k, alpha, beta);
          return {
            p: t.p,
            k: t.k,
            w0: student.w,
            a0: student.a,
            wStar: t.wStar,
            aStar: t.aStar,
            etaW,
            etaA,
            steps,
            record: { every: 1, vectors: true },
          };
        }),
    ),
  margin: (spec) => normGrowthResidual(spec).margin,
  toTrainSpec: (spec) => spec,
  run(ctx: ClaimContext): ClaimResult {
    let worstUlps = 0;
    let stepsChecked = 0;
    const tracked: UniversalClaim<TrainSpec> = {
      ...this,
      margin: (spec) => {
        const r = normGrowthResidual(spec);
        worstUlps = Math.max(worstUlps, r.ulps);
        stepsChecked += r.steps;
        return r.margin;
      },
    };
    const result = runUniversal(tracked, ctx);
    return {
      ...result,
      evidence: `${result.evidence}; ${stepsChecked} steps checked, largest error ${fmt(worstUlps)}·u·(1 + ρ)·√p·scale (tolerance ${W_IDENTITY_ULPS})`,
      details: { ...result.details, worstUlps, stepsChecked, toleranceUlps: W_IDENTITY_ULPS },
    };
  },
};
