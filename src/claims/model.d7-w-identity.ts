/**
 * model.d7-w-identity (THEORY.md §3 D7, the w-block of the partial-dissipativity quantities of §4):
 *
 *   ⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ) / (4π‖e + w‖) · ‖v − v*‖²        (as THEORY.md states it),
 *
 * checked at random points on the float64 kernel through src/theory/dissipativity.ts (pdSample's
 * ⟨−∇_w L, v* − v⟩ against {@link d7AsStated}), to W_IDENTITY_ULPS·u·(1 + ρ)·√p·S_w‖v − v*‖ (the
 * Cauchy–Schwarz scale of the left side; S_w, ρ: model.point.ts).
 *
 * What the check finds: the stated right side is wrong by the factor 1 + cos φ. Since
 * ∇_w L ⟂ v (D1) and ⟨v* − cos φ·v, v*⟩ = sin²φ,
 *
 *   ⟨−∇_w L, v* − v⟩ = ⟨−∇_w L, v*⟩ = (aᵀa*)(π − φ) sin²φ / (2π‖e + w‖)
 *                    = (aᵀa*)(π − φ)(1 + cos φ) / (4π‖e + w‖) · ‖v − v*‖²,
 *
 * i.e. D3; the two agree only at φ = π/2 (and where both vanish). The evidence line reports the
 * ratio left/right at the counterexample next to 1 + cos φ.
 *
 * Margin: decades of headroom, log10(tolerance·scale / error).
 */
import { pdSample } from '../theory/dissipativity.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import {
  floatPoint,
  identityMargin,
  pointTrainSpec,
  profilePointArb,
  runWithSpecials,
  specialPointHypotheses,
  teacherDistance,
  W_IDENTITY_ULPS,
  wIdentityTolerance,
  wPrefactor,
  type ModelPoint,
} from './model.point.ts';
import { fmt } from './universal-runner.ts';

/** D7's right-hand side as THEORY.md states it: (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖². */
export function d7AsStated(aDotAStar: number, phi: number, normU: number, vDistSq: number): number {
  return ((aDotAStar * (Math.PI - phi)) / (4 * Math.PI * normU)) * vDistSq;
}

/** Both sides of D7 as stated, and 1 + cos φ, at a point. */
function sides(x: ModelPoint): { lhs: number; rhs: number; onePlusCos: number; scale: number; rho: number } {
  const fp = floatPoint(x);
  const s = pdSample(fp.t, fp.w, fp.a);
  const cos = Math.cos(s.phi);
  return {
    lhs: s.vInner,
    rhs: d7AsStated(s.aDotAStar, s.phi, s.normU, s.vDistSq),
    onePlusCos: s.phi <= Math.PI / 2 ? 1 + cos : 2 * Math.sin(fp.state.piMinusPhi / 2) ** 2,
    scale: wPrefactor(fp.state) * Math.sqrt(s.vDistSq),
    rho: teacherDistance(fp),
  };
}

export const modelD7WIdentity: UniversalClaim<ModelPoint> = {
  id: 'model.d7-w-identity',
  kind: 'universal',
  title: 'D7: the w-block partial-dissipativity identity',
  statement: `⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖² at every point; float64: within ${W_IDENTITY_ULPS}·u·(1 + ‖w − w*‖/‖e + w*‖)·√p·|aᵀa*|(π − φ)/(2π‖e + w‖)·‖v − v*‖`,
  source: {
    lines: 'THEORY.md §3 D7 (ours; the v-block of §4, behind rebuttal l. 34–37)',
    quoted: ['"D7 w-block identity: ⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ) / (4π‖e + w‖) · ‖v − v*‖²" (THEORY.md §3)'],
    ours: [
      'checked on the float64 kernel (src/theory/dissipativity.ts) in ulps of the Cauchy–Schwarz scale (tolerance of D1–D3)',
      'points: model.point.ts regimes and the special points',
    ],
  },
  formalizationVersion: 1,
  expected: 'refuted',
  budgets: {
    dev: { runs: 1_000, timeMs: 30_000 },
    ci: { runs: 1_000, timeMs: 30_000 },
    nightly: { runs: 20_000, timeMs: 600_000 },
    soak: { runs: 200_000, timeMs: 3_600_000 },
  },
  violation: '⟨−∇_w L, v* − v⟩ differs from (aᵀa*)(π − φ)‖v − v*‖²/(4π‖e + w‖) by more than rounding',
  hypotheses: (ctx: ClaimContext) => profilePointArb(ctx),
  margin(x: ModelPoint): number {
    const { lhs, rhs, scale, rho } = sides(x);
    return identityMargin(Math.abs(lhs - rhs), scale, wIdentityTolerance(rho, x.p));
  },
  toTrainSpec: (x) => pointTrainSpec(x),
  run(ctx: ClaimContext): ClaimResult {
    const result = runWithSpecials(this, ctx, specialPointHypotheses());
    if (result.counterexample === undefined) return result;
    const { lhs, rhs, onePlusCos } = sides(result.counterexample.hypothesis as ModelPoint);
    return {
      ...result,
      evidence: `${result.evidence}; at the counterexample left/right = ${fmt(lhs / rhs, 8)}, 1 + cos φ = ${fmt(onePlusCos, 8)}`,
      details: { ...result.details, ratio: lhs / rhs, onePlusCos },
    };
  },
};
