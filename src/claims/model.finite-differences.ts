/**
 * model.finite-differences (THEORY.md §2: the closed forms are "checked by Monte Carlo and 60-digit
 * finite differences"): the closed-form gradients ∇_w L and ∇_a L are the derivatives of the
 * closed-form loss L. Both sides come from the 60-digit reference (src/reference/), so the check
 * is about the formulas, free of float64 rounding; the float64 kernel is tied to the same
 * reference by model.float-vs-reference, and the loss formula to the model by model.monte-carlo.
 *
 * For each coordinate x_i of w and of a, the central difference
 *
 *   D_i = (L(x + t_i e_i) − L(x − t_i e_i)) / (2t_i),   t_i = 10^⌊log10(1e-20·s)⌋,
 *
 * s = ‖e + w‖ for w and max(‖a‖, ‖a*‖) for a, has truncation error O(t_i²) (about 1e-40 relative:
 * the loss is C² with bounded third derivatives, also across φ = 0 and φ = π where it behaves
 * like |x|³) and rounding error at most N_i = 10^(1 − 60)·(|L₊| + |L₋|)/(2t_i) (each loss is
 * rounded to 60 digits). The truncation error is relative to the scale of the block's terms, not
 * to the gradient itself (at w = w*, a = a* the gradient is 0 and the differences are O(t²)), so
 * per block B (w or a), with ∇_B the reference gradient:
 *
 *   ‖∇_B − D_B‖ ≤ FD_TOLERANCE·(‖∇_B‖ + G_B) + ‖N_B‖,
 *   G_w = |aᵀa*|/(2‖e + w‖) (the largest ‖∇_w L‖ at this a and ‖e + w‖),
 *   G_a = ((π − 1 + k)/2π)(‖a‖ + ‖a*‖) (‖A‖ times the a-scale).
 *
 * Measured over 315 points (the special points and 300 of the hypotheses, p, k ≤ 12): the largest
 * (‖∇_B − D_B‖ − ‖N_B‖)/(‖∇_B‖ + G_B) was 6.8e-41, the predicted O((t/s)²); FD_TOLERANCE = 1e-36
 * leaves four decades above it for the third derivatives of points not yet sampled, while an
 * error in a formula (a wrong factor, π − 1 for π, a constant rounded to a double) shows at 1e-16
 * or above.
 *
 * Margin: decades of headroom of the worse block,
 * log10((FD_TOLERANCE·(‖∇_B‖ + G_B) + ‖N_B‖) / ‖∇_B − D_B‖).
 */
import type { Decimal } from 'decimal.js';
import { doubleToDecimal } from '../reference/exact-double.ts';
import { makeReferenceContext, referenceLossAt } from '../reference/population-loss.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { REFERENCE_DIGITS, referenceAt } from './model.float-vs-reference.ts';
import {
  EXACT_MARGIN,
  modelPointArb,
  pointTrainSpec,
  runWithSpecials,
  specialPointHypotheses,
  type ModelPoint,
} from './model.point.ts';

/** Allowed relative error of the reference gradient against the differences, beyond rounding. */
export const FD_TOLERANCE = 1e-36;
/** The step's size relative to the block's scale. */
const RELATIVE_STEP = 1e-20;
/** Working precision of the shifted inputs x ± t e_i (rounding them moves the step by 1e-60 relative). */
const SHIFT_DIGITS = 80;

const LOSS = makeReferenceContext(REFERENCE_DIGITS);
const SHIFT = makeReferenceContext(SHIFT_DIGITS);

/** A block's differences D_B, their rounding bounds N_B, the reference gradient ∇_B and G_B. */
export interface BlockDifferences {
  readonly gradient: Decimal[];
  readonly differences: Decimal[];
  readonly noise: Decimal[];
  readonly termScale: number;
}

function norm(xs: readonly Decimal[]): Decimal {
  return xs.reduce((s, x) => s.plus(x.times(x)), new LOSS(0)).sqrt();
}

/** 10^⌊log10(RELATIVE_STEP·scale)⌋, a one-digit step. */
function step(scale: number): Decimal {
  return new SHIFT(10).pow(Math.floor(Math.log10(RELATIVE_STEP * scale)));
}

function blockDifferences(
  x: ModelPoint,
  block: 'w' | 'a',
  gradient: Decimal[],
  scale: number,
  termScale: number,
): BlockDifferences {
  const base = (block === 'w' ? x.w : x.a).map((xi) => doubleToDecimal(xi, SHIFT));
  const t = step(scale);
  const lossWith = (i: number, sign: 1 | -1): Decimal => {
    const shifted = base.slice();
    shifted[i] = base[i].plus(t.times(sign));
    return referenceLossAt(LOSS, block === 'w' ? { ...x, w: shifted } : { ...x, a: shifted });
  };
  const differences: Decimal[] = [];
  const noise: Decimal[] = [];
  for (let i = 0; i < base.length; i++) {
    const plus = lossWith(i, 1);
    const minus = lossWith(i, -1);
    differences.push(plus.minus(minus).div(t.times(2)));
    noise.push(plus.abs().plus(minus.abs()).times(new LOSS(10).pow(1 - REFERENCE_DIGITS)).div(t.times(2)));
  }
  return { gradient, differences, noise, termScale };
}

/** Both blocks' differences at a point. */
export function finiteDifferences(x: ModelPoint): { w: BlockDifferences; a: BlockDifferences } {
  const ref = referenceAt(x);
  const normU = ref.normU.toNumber();
  const aNorm = Math.hypot(...x.a);
  const aStarNorm = Math.hypot(...x.aStar);
  return {
    w: blockDifferences(x, 'w', ref.gradW, normU, Math.abs(ref.aDotAStar.toNumber()) / (2 * normU)),
    a: blockDifferences(x, 'a', ref.gradA, Math.max(aNorm, aStarNorm), ((Math.PI - 1 + x.k) / (2 * Math.PI)) * (aNorm + aStarNorm)),
  };
}

/** log10((FD_TOLERANCE·(‖∇_B‖ + G_B) + ‖N_B‖)/‖∇_B − D_B‖) (EXACT_MARGIN when they agree exactly). */
export function blockMargin(b: BlockDifferences): number {
  const error = norm(b.gradient.map((g, i) => g.minus(b.differences[i])));
  if (error.isZero()) return EXACT_MARGIN;
  const bound = norm(b.gradient).plus(b.termScale).times(FD_TOLERANCE).plus(norm(b.noise));
  return bound.isZero() ? -EXACT_MARGIN : bound.div(error).log(10).toNumber();
}

export const modelFiniteDifferences: UniversalClaim<ModelPoint> = {
  id: 'model.finite-differences',
  kind: 'universal',
  title: 'The closed-form gradients are the derivatives of the closed-form loss',
  statement: `∇_w L and ∇_a L (THEORY.md §2) agree with 60-digit central differences of L: ‖∇_B − D_B‖ ≤ ${FD_TOLERANCE}·(‖∇_B‖ + G_B) + (rounding of the differences), per block, G_B the scale of the block's terms`,
  source: {
    lines: 'THEORY.md §2',
    quoted: ['"Closed forms (exact; checked by Monte Carlo and 60-digit finite differences)" (THEORY.md §2)'],
    ours: [
      `central differences with step 10^⌊log10(${RELATIVE_STEP}·scale)⌋, scale ‖e + w‖ (w) or max(‖a‖, ‖a*‖) (a); losses at ${REFERENCE_DIGITS} digits`,
      `tolerance ${FD_TOLERANCE} of ‖∇_B‖ + G_B (measured maximum 6.8e-41), plus the differences' rounding bound`,
      'points: model.point.ts regimes with p, k ≤ 5 (1 in 20 up to 12), and the special points',
    ],
  },
  formalizationVersion: 1,
  expected: 'holds',
  budgets: {
    dev: { runs: 30, timeMs: 60_000 },
    ci: { runs: 30, timeMs: 60_000 },
    nightly: { runs: 1_000, timeMs: 1_800_000 },
    soak: { runs: 10_000, timeMs: 7_200_000 },
  },
  violation: 'a closed-form gradient differs from the central differences of the closed-form loss',
  hypotheses: () => modelPointArb({ smallMax: 5, largeMax: 12 }),
  margin(x: ModelPoint): number {
    const fd = finiteDifferences(x);
    return Math.min(blockMargin(fd.w), blockMargin(fd.a));
  },
  toTrainSpec: (x) => pointTrainSpec(x),
  run(ctx: ClaimContext): ClaimResult {
    return runWithSpecials(this, ctx, specialPointHypotheses());
  },
};
