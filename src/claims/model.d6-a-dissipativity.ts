/**
 * model.d6-a-dissipativity (THEORY.md §3 D6, the a-block of the partial dissipativity of §4):
 *
 *   ⟨−∇_a L, a* − a⟩ ≥ ((π−1)/4π)‖a − a*‖² − h(φ)²‖a*‖² / (4π(π−1))        everywhere.
 *
 * (∇_a L = A(a − a*) + h a* / 2π with A ⪰ ((π−1)/2π) I, and Young's inequality on the cross term;
 * equality exactly at a = a(φ) when 1ᵀa* = 0, where both sides are 0.) Checked on the float64
 * kernel through src/theory/dissipativity.ts (pdSample, A_BLOCK_C, aBlockEpsilon), at the points of
 * model.point.ts and, one time in three, at the tight point a = a(φ) of D4.
 *
 * Rounding: left − right ≥ −D6_ULPS·u·√k·scale, scale = ‖∇_a L‖‖a − a*‖ + ((π−1)/4π)‖a − a*‖² + ε
 * (the sums over k coordinates accumulate ~√k roundings). Measured: the largest shortfall over
 * 80 000 points (two seeds, p, k up to 2000, one in two at the tight a = a(φ)) was 2.0 u·√k·scale
 * (at k ≤ 8; ≤ 0.62 for k > 8); D6_ULPS is twice that, rounded up to a power of two.
 *
 * Margin, in units of the tolerance: 1 + (left − right)/(D6_ULPS·u·√k·scale): 1 where the
 * inequality is tight, larger where it has slack, < 0 when violated beyond rounding.
 */
import fc from 'fast-check';
import { scaledNorm } from '../model/vector-norm.ts';
import { aFixedPoint } from '../theory/a-fixed-point.ts';
import { aBlockEpsilon, A_BLOCK_C, pdSample } from '../theory/dissipativity.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import {
  EXACT_MARGIN,
  floatPoint,
  pointTrainSpec,
  profilePointArb,
  runWithSpecials,
  specialPointHypotheses,
  UNIT_ROUNDOFF,
  type ModelPoint,
} from './model.point.ts';

/** The rounding tolerance of D6, in ulps of √k times its scale (measured maximum 2.0). */
export const D6_ULPS = 8;

/** The point with a replaced by the minimiser a(φ) of D4 at its (float64) angle. */
export function withFixedPointA(x: ModelPoint): ModelPoint {
  const fp = floatPoint(x);
  return { ...x, a: Array.from(aFixedPoint(fp.state.piMinusPhi, fp.t.aStar, fp.t.aStarSum)) };
}

export const modelD6ADissipativity: UniversalClaim<ModelPoint> = {
  id: 'model.d6-a-dissipativity',
  kind: 'universal',
  title: 'D6: the a-block is ((π−1)/4π, h²‖a*‖²/4π(π−1))-partially dissipative',
  statement: '⟨−∇_a L, a* − a⟩ ≥ ((π−1)/4π)‖a − a*‖² − h(φ)²‖a*‖²/(4π(π−1)) at every point (float64, up to rounding)',
  source: {
    lines: 'THEORY.md §3 D6 and §4 (ours; behind rebuttal l. 34–37)',
    quoted: ['"D6 a-block dissipativity: ⟨−∇_a L, a* − a⟩ ≥ ((π−1)/4π) ‖a − a*‖² − h(φ)² ‖a*‖² / (4π(π−1)), everywhere" (THEORY.md §3)'],
    ours: [
      `float64 rounding tolerance ${D6_ULPS}·√k ulps of the scale (measured maximum 2.0)`,
      'points: model.point.ts regimes, one in three moved to the tight a = a(φ), and the special points',
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
  violation: '⟨−∇_a L, a* − a⟩ falls below ((π−1)/4π)‖a − a*‖² − h²‖a*‖²/(4π(π−1)) beyond rounding',
  hypotheses: (ctx: ClaimContext) =>
    fc
      .tuple(profilePointArb(ctx), fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
      .map(([x, tight]) => (tight ? withFixedPointA(x) : x)),
  margin(x: ModelPoint): number {
    const fp = floatPoint(x);
    const s = pdSample(fp.t, fp.w, fp.a);
    const epsilon = aBlockEpsilon(s.h, fp.t.aStarNormSq);
    const rhs = A_BLOCK_C * s.aDistSq - epsilon;
    const scale = scaledNorm(fp.gradA) * Math.sqrt(s.aDistSq) + A_BLOCK_C * s.aDistSq + epsilon;
    if (scale === 0) return s.aInner >= rhs ? 1 : -EXACT_MARGIN;
    return 1 + (s.aInner - rhs) / (D6_ULPS * UNIT_ROUNDOFF * Math.sqrt(x.k) * scale);
  },
  toTrainSpec: (x) => pointTrainSpec(x),
  run(ctx: ClaimContext): ClaimResult {
    return runWithSpecials(this, ctx, specialPointHypotheses());
  },
};
