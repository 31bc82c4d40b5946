/**
 * The two-layer model with activations other than ReLU (rebuttal l. 51–53): leaky ReLU (closed
 * form, ../model/leaky-relu-population-loss.ts), softplus, tanh and GELU (Hermite duals,
 * ../model/activations/hermite-dual.ts), with ReLU as the baseline. For each activation σ:
 *
 * 1. model check: the population loss and gradients of ../model/activations/dual-population-loss.ts
 *    against the mean of the sample-based model (../model/activations/activation-sample-model.ts)
 *    over N Gaussian inputs, within z·σ̂/√N per quantity;
 * 2. D6/D7-style PD on R1 (THEORY.md §4), with the constants the dual gives for every σ
 *    (x = a − a*, A_σ = V I + μ² 11ᵀ, γ the gap, c = V/2):
 *
 *      a-block: ⟨−∇_a L, a* − a⟩ = xᵀA_σx + γ(φ) a*ᵀx ≥ c‖x‖² − ε on R1 (φ < π/2) with
 *               ε = sup_x (−xᵀ(A_σ − cI)x − γ(π/2) a*ᵀx) = (γ(π/2)²/4)·a*ᵀ(A_σ − cI)⁻¹a*
 *                 ≤ γ(π/2)²‖a*‖²/(2V) = (V/2)‖a*‖²   (D6's form; γ(π/2) = V since κ(0) = μ², and γ
 *               is increasing on [0, π/2] since κ' > 0 there);
 *      v-block: ⟨−∇_w L, v* − v⟩ = (aᵀa*) κ'(cos φ) sin²φ/‖e + w‖ ≥ 0 on R1, since κ' > 0 on [0, 1]
 *               (positive Hermite coefficients); no c > 0 works at ε = 0 (aᵀa* → 0⁺), every c
 *               works with ε = 2c (‖v − v*‖² < 2 on R1);
 *
 *    checked by the model evaluated at the a-block bound's maximizer (attained as φ → π/2 when it
 *    lies in R1) and by the PD search of ../search/pd-search.ts on R1 (its region and its targeted
 *    search, with this model's gradients): the largest required ε found at c = V/2 against the
 *    bound, and the smallest ⟨−∇_w L, v* − v⟩/‖v − v*‖² found (with a rounding allowance);
 * 3. P1-style success (THEORY.md §7): GD on the population loss from the P1 problems
 *    (./p1-trial.ts: teacher, ball a_0, w_0 = 0 or the CNN's w_0 = u − e), with the
 *    step sizes η_a = α/λ_max(A_σ), λ_max = V + kμ² (for ReLU, 2π/(π−1+k)), η_w = β·η_a, and the
 *    outcome of §7, where for an odd σ (tanh) φ = π with a = −a* is a second global optimum
 *    ("mirrored", loss 0), not a spurious point.
 */
import fc from 'fast-check';
import { pdRegionArb, type PdPoint } from '../search/pd-search.ts';
import { targetedSearch } from '../search/targeted-search.ts';
import type { Activation } from '../model/activations/activation.ts';
import { newActivationScratch, activationSampleLossAndGradient } from '../model/activations/activation-sample-model.ts';
import type { DualActivation } from '../model/activations/dual-activation.ts';
import { dualLossAndGradient, evaluateDual } from '../model/activations/dual-population-loss.ts';
import { gelu } from '../model/activations/gelu.ts';
import { hermiteDual } from '../model/activations/hermite-dual.ts';
import { leakyRelu } from '../model/activations/leaky-relu.ts';
import { softplus } from '../model/activations/softplus.ts';
import { tanh } from '../model/activations/tanh.ts';
import { gaussianBatch } from '../model/gaussian-batch.ts';
import { leakyReluDual } from '../model/leaky-relu-population-loss.ts';
import type { Teacher } from '../model/teacher.ts';
import { runDescent } from '../optim/descent.ts';
import { GLOBAL_A_RELATIVE, GLOBAL_PHI, SPURIOUS_PHI } from '../optim/outcome.ts';
import { Rng } from '../random/rng.ts';
import type { PdRegion } from '../theory/pd-region.ts';
import { UNIT_ROUNDOFF, W_IDENTITY_ULPS } from '../claims/model.point.ts';
import { atAngle, someOrthogonalUnit } from '../theory/geometry.ts';
import { inR1 } from '../theory/regions.ts';
import { p1Problem, type P1Cell } from './p1-trial.ts';

/** The leaky-ReLU slope λ checked. */
export const LEAKY_SLOPE = 0.1;

/** An activation with its dual, and whether the dual is in closed form. */
export interface ModelActivation {
  readonly activation: Activation;
  readonly dual: DualActivation;
  readonly closedForm: boolean;
}

let cache: ModelActivation[] | undefined;

/** ReLU (the baseline), leaky ReLU (λ = LEAKY_SLOPE), softplus, tanh, GELU; built once. */
export function modelActivations(): readonly ModelActivation[] {
  cache ??= [
    { activation: { ...leakyRelu(0), name: 'relu' }, dual: { ...leakyReluDual(0), name: 'relu' }, closedForm: true },
    { activation: leakyRelu(LEAKY_SLOPE), dual: leakyReluDual(LEAKY_SLOPE), closedForm: true },
    ...[softplus, tanh, gelu].map((activation) => ({ activation, dual: hermiteDual(activation), closedForm: false })),
  ];
  return cache;
}

// ---------------------------------------------------------------------------------------------
// 1. Model check.

/** The largest studentized deviation |mean − closed|/(σ̂/√N) over the loss and every gradient entry. */
export interface MonteCarloCheck {
  readonly samples: number;
  readonly maxZ: number;
  /** Which quantity attains it: 'loss', 'w[i]' or 'a[j]'. */
  readonly worst: string;
}

/**
 * Means and sample deviations of the per-sample loss and gradient of the sample model over `n`
 * inputs (drawn in chunks from `rng`), compared with the dual population loss at (w, a). A
 * quantity with σ̂ = 0 (e.g. ∇_w for p = 1) is compared against a float slack of 1e-12 of its scale.
 */
export function monteCarloCheck(m: ModelActivation, t: Teacher, w: Float64Array, a: Float64Array, rng: Rng, n: number): MonteCarloCheck {
  const q = 1 + t.p + t.k;
  const sum = new Float64Array(q);
  const sumSq = new Float64Array(q);
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const scratch = newActivationScratch(t.p, t.k);
  const chunk = 1024;
  for (let done = 0; done < n; done += chunk) {
    const size = Math.min(chunk, n - done);
    const batch = gaussianBatch(rng, size, t.k, t.p);
    for (let i = 0; i < size; i++) {
      const loss = activationSampleLossAndGradient(m.activation, t, batch, i, w, a, gradW, gradA, scratch);
      const values = [loss, ...gradW, ...gradA];
      for (let j = 0; j < q; j++) {
        sum[j] += values[j];
        sumSq[j] += values[j] * values[j];
      }
    }
  }
  const closed = evaluateDual(m.dual, t, w, a);
  const exact = [closed.loss, ...closed.gradW, ...closed.gradA];
  const names = ['loss', ...Array.from(closed.gradW, (_, i) => `w[${i}]`), ...Array.from(closed.gradA, (_, j) => `a[${j}]`)];
  let maxZ = 0;
  let worst = 'loss';
  for (let j = 0; j < q; j++) {
    const mean = sum[j] / n;
    const variance = Math.max(0, (sumSq[j] - n * mean * mean) / (n - 1));
    const se = Math.sqrt(variance / n) + 1e-12 * (Math.abs(exact[j]) + Math.abs(mean) + 1e-300);
    const z = Math.abs(mean - exact[j]) / se;
    if (z > maxZ) {
      maxZ = z;
      worst = names[j];
    }
  }
  return { samples: n, maxZ, worst };
}

// ---------------------------------------------------------------------------------------------
// 2. PD on R1.

/** The activation's D6/D7-style constants on R1, independent of the teacher. */
export interface ActivationPdConstants {
  /** c = V/2 (for ReLU, (π−1)/4π = D6's c_a). */
  readonly c: number;
  /** γ(π/2), and D6's form of ε on R1 per unit ‖a*‖²: γ(π/2)²/(2V). */
  readonly gapAtRightAngle: number;
  readonly epsilonPerNormSq: number;
  /** min over φ ∈ [0, π/2] (a grid of 2049 angles) of κ'(cos φ): > 0 makes the v-block PD on R1. */
  readonly minSlopeOnR1: number;
}

export function activationPdConstants(dual: DualActivation): ActivationPdConstants {
  const half = Math.PI / 2;
  const gap = dual.gap(half, half);
  let minSlope = Infinity;
  for (let i = 0; i <= 2048; i++) {
    const phi = (half * i) / 2048;
    minSlope = Math.min(minSlope, dual.slope(phi, Math.PI - phi));
  }
  return { c: dual.variance / 2, gapAtRightAngle: gap, epsilonPerNormSq: (gap * gap) / (2 * dual.variance), minSlopeOnR1: minSlope };
}

/**
 * The supremum over all x of −xᵀ(A_σ − cI)x − γ(π/2) a*ᵀx at c = V/2: (γ²/4)·a*ᵀ(A_σ − cI)⁻¹a*,
 * with (A_σ − cI)⁻¹ = (2/V)(I − μ²/(V/2 + kμ²)·11ᵀ). An upper bound of the a-block's ε on R1.
 */
export function aBlockEpsilonBound(dual: DualActivation, t: Teacher): number {
  const v = dual.variance;
  const mu2 = dual.mean * dual.mean;
  const gap = dual.gap(Math.PI / 2, Math.PI / 2);
  const quadratic = (2 / v) * (t.aStarNormSq - (mu2 * t.aStarSum * t.aStarSum) / (v / 2 + t.k * mu2));
  return (gap * gap * quadratic) / 4;
}

/** The a-block's maximizer on R1 (approached as φ → π/2) and the required ε the model gives there. */
export interface ABlockMaximizer {
  readonly point: PdPoint;
  /** φ of the point: π/2 − 1e-6. */
  readonly phi: number;
  /** Whether a lies in R1 (aᵀa* > 0) and ‖a‖ ≤ aNormMax. */
  readonly inRegion: boolean;
  /** c‖a − a*‖² − ⟨−∇_a L, a* − a⟩ at the point, with c = V/2, from the dual model's gradient. */
  readonly requiredEpsilon: number;
}

/**
 * The maximizer x = −(A_σ − cI)⁻¹ b/2 = −(γ/V)(a* − μ²(1ᵀa*)/(V/2 + kμ²)·1), b = γ(φ)a*, of the
 * required ε at c = V/2, at φ = π/2 − 1e-6 (w at that angle from v*, ‖e + w‖ = 1, in the plane of
 * `direction`), evaluated through the model: the bound of {@link aBlockEpsilonBound} is attained in
 * the closure of R1 when the point is in the region.
 */
export function aBlockMaximizer(dual: DualActivation, t: Teacher, aNormMax: number, direction: Float64Array): ABlockMaximizer {
  const phi = Math.PI / 2 - 1e-6;
  const gap = dual.gap(phi, Math.PI - phi);
  const v = dual.variance;
  const mu2 = dual.mean * dual.mean;
  const along = (mu2 * t.aStarSum) / (v / 2 + t.k * mu2);
  const a = Array.from(t.aStar, (x) => x - (gap / v) * (x - along));
  const u = atAngle(t.vStar, someOrthogonalUnit(direction, t.vStar), phi, 1);
  const point = { w: Array.from(u, (x) => x - t.e), a };
  const s = blockValues(dual, t, point);
  const aDot = a.reduce((acc, x, j) => acc + x * t.aStar[j], 0);
  return {
    point,
    phi,
    inRegion: aDot > 0 && Math.hypot(...a) <= aNormMax,
    requiredEpsilon: (v / 2) * s.aDistSq - s.aInner,
  };
}

/** The PD search's result for one activation on R1. */
export interface ActivationPdSearch {
  readonly samples: number;
  /** a-block: the largest required ε found at c = V/2, where it was found, and the bound. */
  readonly aEpsilonFound: number;
  readonly aEpsilonAt: PdPoint | null;
  readonly aEpsilonBound: number;
  /**
   * v-block: the smallest (⟨−∇_w L, v* − v⟩ + rounding allowance)/‖v − v*‖² found: < 0 only where
   * the block moves away from v* beyond rounding.
   */
  readonly vRatioMin: number;
  readonly vRatioAt: PdPoint | null;
}

/**
 * Rounding allowance of ⟨−∇_w L, v* − v⟩: V_ROUNDING_ULPS·u·√p of its Cauchy–Schwarz scale
 * ‖∇_w L‖‖v − v*‖ (v* − v is formed from two rounded unit vectors; the ulps are those of
 * ../claims/model.point.ts's measured model for the w-block identities, W_IDENTITY_ULPS).
 */
const V_ROUNDING_ULPS = W_IDENTITY_ULPS;

interface BlockValues {
  readonly aInner: number;
  readonly aDistSq: number;
  readonly vInner: number;
  readonly vDistSq: number;
  readonly vRounding: number;
  /** Whether the point is in R1 as computed: aᵀa* > 0 (Dot2) and φ < π/2. */
  readonly inR1: boolean;
}

function blockValues(dual: DualActivation, t: Teacher, x: PdPoint): BlockValues {
  const w = Float64Array.from(x.w);
  const a = Float64Array.from(x.a);
  const ev = evaluateDual(dual, t, w, a);
  let aInner = 0;
  let aDistSq = 0;
  for (let j = 0; j < t.k; j++) {
    const d = t.aStar[j] - a[j];
    aInner -= ev.gradA[j] * d;
    aDistSq += d * d;
  }
  let vInner = 0;
  let vDistSq = 0;
  for (let i = 0; i < t.p; i++) {
    const d = t.vStar[i] - (t.e + w[i]) / ev.normU;
    vInner -= ev.gradW[i] * d;
    vDistSq += d * d;
  }
  let gradWSq = 0;
  for (let i = 0; i < t.p; i++) gradWSq += ev.gradW[i] * ev.gradW[i];
  const vRounding = V_ROUNDING_ULPS * UNIT_ROUNDOFF * Math.sqrt(t.p) * Math.sqrt(gradWSq * vDistSq);
  return { aInner, aDistSq, vInner, vDistSq, vRounding, inR1: inR1(ev.aDotAStar, ev.phi) };
}

/** The PD search on R1 (module comment, 2), `samples` targeted samples per block. */
export function searchActivationPd(dual: DualActivation, t: Teacher, region: PdRegion, seed: number, samples: number): ActivationPdSearch {
  const arb: fc.Arbitrary<PdPoint> = pdRegionArb(t, region);
  const c = dual.variance / 2;
  const options = { timeMs: Number.POSITIVE_INFINITY, maxSamples: samples, stopBelow: -Infinity };
  const eps = targetedSearch(
    arb,
    (x) => {
      const s = blockValues(dual, t, x);
      return s.aInner - c * s.aDistSq; // −(required ε)
    },
    { ...options, seed },
  );
  const ratio = targetedSearch(
    arb,
    (x) => {
      const s = blockValues(dual, t, x);
      // The region's boundary points (aᵀa* → 0⁺) can round out of R1; those are not hypotheses.
      return s.vDistSq > 0 && s.inR1 ? (s.vInner + s.vRounding) / s.vDistSq : Infinity;
    },
    { ...options, seed: seed + 1 },
  );
  return {
    samples: eps.samples + ratio.samples,
    aEpsilonFound: eps.best === null ? NaN : -eps.best.margin,
    aEpsilonAt: eps.best?.value ?? null,
    aEpsilonBound: aBlockEpsilonBound(dual, t),
    vRatioMin: ratio.best?.margin ?? NaN,
    vRatioAt: ratio.best?.value ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. P1-style success.

/**
 * The loss at the stationary point φ = π (∇_w L = 0 there): with x = a − a* = −γ(π) A_σ⁻¹ a*,
 * L_sp = γ(π)‖a*‖² − ½ γ(π)² a*ᵀA_σ⁻¹a*, A_σ⁻¹ = (1/V)(I − μ²/(V + kμ²)·11ᵀ). For ReLU this is
 * D5's L_sp; for an odd σ (μ = 0, γ(π) = 2V) it is 0: a global optimum.
 */
export function spuriousLossOf(dual: DualActivation, t: Teacher): number {
  const v = dual.variance;
  const mu2 = dual.mean * dual.mean;
  const gap = dual.gap(Math.PI, 0);
  const quadratic = (t.aStarNormSq - (mu2 * t.aStarSum * t.aStarSum) / (v + t.k * mu2)) / v;
  return gap * t.aStarNormSq - 0.5 * gap * gap * quadratic;
}

export type ActivationOutcome = 'global' | 'mirrored' | 'spurious' | 'undecided' | 'diverged';

/** THEORY.md §7's outcome, with the mirrored optimum φ > π − 0.01, ‖a + a*‖ < 0.01‖a*‖ apart. */
function outcomeOf(phi: number, a: Float64Array, t: Teacher): ActivationOutcome {
  if (!Number.isFinite(phi)) return 'diverged';
  let plus = 0;
  let minus = 0;
  for (let j = 0; j < t.k; j++) {
    minus += (a[j] - t.aStar[j]) ** 2;
    plus += (a[j] + t.aStar[j]) ** 2;
  }
  const limit = GLOBAL_A_RELATIVE * Math.sqrt(t.aStarNormSq);
  if (phi < GLOBAL_PHI && Math.sqrt(minus) < limit) return 'global';
  if (Math.PI - phi < GLOBAL_PHI && Math.sqrt(plus) < limit) return 'mirrored';
  if (phi > SPURIOUS_PHI) return 'spurious';
  return 'undecided';
}

/** One GD trial. */
export interface ActivationTrial {
  readonly outcome: ActivationOutcome;
  readonly steps: number;
  readonly loss: number;
  /** Success: the run reached a zero-loss optimum (global, or mirrored for an odd σ). */
  readonly success: boolean;
}

/**
 * Trial (seed, cellIndex, trial) of the P1 cell for activation m: the P1 problem (teacher, a_0,
 * w_0 of ./p1-trial.ts) with the σ step sizes η_a = α/(V + kμ²), η_w = β·η_a, and GD on the dual
 * population loss (early stop at L ≤ 1e-12, THEORY.md §7).
 */
export function activationTrial(m: ModelActivation, cell: P1Cell, seed: number, cellIndex: number, trial: number): ActivationTrial {
  const problem = p1Problem(cell, seed, cellIndex, trial);
  const t = problem.teacher;
  const etaA = cell.alpha / (m.dual.variance + t.k * m.dual.mean * m.dual.mean);
  // The oracle is a function of (w, a) alone: the descent may stop at a bitwise fixed point.
  const result = runDescent(
    { ...problem, etaA, etaW: cell.beta * etaA },
    (w, a, gradW, gradA, state) => dualLossAndGradient(m.dual, t, w, a, gradW, gradA, state),
    true,
  );
  if (result.outcome === 'diverged') return { outcome: 'diverged', steps: result.steps, loss: NaN, success: false };
  // The descent loop's final state is the ReLU closed form's: the loss and outcome are re-evaluated.
  const final = evaluateDual(m.dual, t, result.w, result.a);
  const outcome = outcomeOf(final.phi, result.a, t);
  return { outcome, steps: result.steps, loss: final.loss, success: outcome === 'global' || outcome === 'mirrored' };
}
