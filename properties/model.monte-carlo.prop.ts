/**
 * Claim `model.*` (THEORY.md §2, "checked by Monte Carlo"): the closed-form population loss and
 * its gradients equal the expectations, over Z_j ~ N(0, I_p) i.i.d., of the per-sample loss
 * ℓ(Z) = ½ (f(Z; w, a) − f(Z; w*, a*))² and of its gradient (THEORY.md §1):
 *
 *   L(w, a) = E_Z[ℓ(Z)],   ∇L(w, a) = E_Z[∇ℓ(Z)]   (σ'(0) = 0; the kinks have probability 0).
 *
 * Check: a Monte-Carlo mean m over N_MC samples, its sample standard deviation σ̂, and the
 * two-sided CLT bound |m − closed| ≤ z·σ̂/√N_MC (+ a float slack of 1e-10 of the quantity's scale,
 * far below the statistical half-width, so that exact zeros compare equal).
 *
 * Confidence (all rates are under the normal approximation of the studentized mean):
 * - loss: z = 5, false-alarm rate 2(1 − Φ(5)) = 5.7e-7 per run; over numRuns = 20 runs (ci/dev)
 *   the family-wise rate is ≤ 1.2e-5 (nightly, 200 runs: ≤ 1.2e-4).
 * - gradients: per-coordinate z = 5.6, 2(1 − Φ(5.6)) = 2.1e-8; Bonferroni over the p + k ≤ 16
 *   coordinates gives ≤ 3.4e-7 per run and ≤ 6.9e-6 over 20 runs (nightly: ≤ 6.9e-5).
 * - ℓ and the gradient coordinates are skewed (measured skewness 2.7–4.6 for p, k ≤ 8); for a
 *   two-sided bound the first-order (skewness) Edgeworth terms of the two tails cancel, leaving an
 *   O(1/N_MC) correction to the nominal rates. Calibration (measured once, 750 random cases,
 *   ~7 400 comparisons): the standardized deviations (m − closed)/(σ̂/√N) had mean square 1.05
 *   and max |t| = 3.4, as for N(0, 1).
 * - p = 1: ∇_w ℓ ≡ 0 (I − v vᵀ = 0 in R¹) and σ̂ = 0; the float slack covers the closed form's
 *   rounding there.
 *
 * Power: at N_MC = 65 536 the relative half-width z·σ̂/(√N·L) of the loss is about 3–4% (σ̂/L ≈ 1.6
 * in the examples below), so a closed form that is wrong by 10% of L is caught; the example tests
 * plant such errors and assert that the same check at the same N_MC flags them. Measured
 * |m − wrong|/bound: loss h → 0.9·h 3.3 (the correct form: 0.13), loss π − 1 → π 11; ∇_a with
 * h → 0.9·h 1.8 (worst coordinate), ∇_w with π − φ → π 3.2 (the correct forms: ≤ 0.24).
 *
 * All randomness for the samples comes from `new Rng(seed)` with the seed drawn by fast-check, so
 * a failure's `{ seed, path }` replays it exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../src/config/profile.ts';
import { allocateGaussianBatch, fillGaussianBatch } from '../src/model/gaussian-batch.ts';
import { lossAndGradient, newLossState, type LossState } from '../src/model/population-loss.ts';
import { newSampleModelScratch, sampleLossAndGradient } from '../src/model/sample-model.ts';
import { makeTeacher, type Teacher } from '../src/model/teacher.ts';
import { Rng } from '../src/random/rng.ts';

const profile = resolveProfile();

/** Monte-Carlo sample size (a multiple of CHUNK). */
const N_MC = 65_536;
/** Samples are drawn CHUNK at a time into one reused batch. */
const CHUNK = 4096;
/** Loss: two-sided 5.7e-7 per comparison. */
const Z_LOSS = 5;
/** Gradients: two-sided 2.1e-8 per coordinate; × (p + k ≤ 16) ≤ 3.4e-7 per run (Bonferroni). */
const Z_GRAD = 5.6;
/** Float slack relative to each quantity's scale (the estimates' rounding is ~1e-13 relative). */
const SLACK = 1e-10;
/** Base number of runs per property, scaled by the profile. */
const NUM_RUNS = 20 * profile.runsScale;

/** Mean and sample standard deviation of ℓ and of each gradient coordinate (w first, then a). */
interface MonteCarloEstimate {
  readonly n: number;
  readonly lossMean: number;
  readonly lossSd: number;
  /** Length p + k: ∇_w coordinates 0 … p−1, then ∇_a coordinates. */
  readonly gradMean: Float64Array;
  readonly gradSd: Float64Array;
}

/** Welford's streaming mean and variance of ℓ and ∇ℓ over N_MC fresh Gaussian inputs. */
function monteCarlo(t: Teacher, w: Float64Array, a: Float64Array, seed: number): MonteCarloEstimate {
  const { p, k } = t;
  const rng = new Rng(seed);
  const batch = allocateGaussianBatch(CHUNK, k, p);
  const scratch = newSampleModelScratch(p, k);
  const gW = new Float64Array(p);
  const gA = new Float64Array(k);
  const d = p + k;
  const gMean = new Float64Array(d);
  const gM2 = new Float64Array(d);
  let lMean = 0;
  let lM2 = 0;
  let count = 0;
  for (let chunk = 0; chunk < N_MC / CHUNK; chunk++) {
    fillGaussianBatch(rng, batch);
    for (let i = 0; i < CHUNK; i++) {
      const l = sampleLossAndGradient(t, batch, i, w, a, gW, gA, scratch);
      count++;
      const dl = l - lMean;
      lMean += dl / count;
      lM2 += dl * (l - lMean);
      for (let c = 0; c < d; c++) {
        const x = c < p ? gW[c] : gA[c - p];
        const dx = x - gMean[c];
        gMean[c] += dx / count;
        gM2[c] += dx * (x - gMean[c]);
      }
    }
  }
  const gradSd = gM2.map((m2) => Math.sqrt(m2 / (count - 1)));
  return { n: count, lossMean: lMean, lossSd: Math.sqrt(lM2 / (count - 1)), gradMean: gMean, gradSd };
}

/** One comparison of a closed-form value with a Monte-Carlo mean. */
interface Comparison {
  readonly name: string;
  readonly closed: number;
  readonly mean: number;
  readonly bound: number;
  readonly ok: boolean;
}

/** |mean − closed| ≤ z·sd/√n + SLACK·scale. */
function compare(name: string, closed: number, mean: number, sd: number, n: number, z: number, scale: number): Comparison {
  const bound = (z * sd) / Math.sqrt(n) + SLACK * scale;
  return { name, closed, mean, bound, ok: Math.abs(mean - closed) <= bound };
}

/** The closed forms of THEORY.md §2 at (w, a), with the scalars of the state. */
interface ClosedForm {
  readonly loss: number;
  readonly gradW: Float64Array;
  readonly gradA: Float64Array;
  readonly state: LossState;
}

function closedForm(t: Teacher, w: Float64Array, a: Float64Array): ClosedForm {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  const loss = lossAndGradient(t, w, a, gradW, gradA, state);
  return { loss, gradW, gradA, state };
}

function norm(x: Float64Array): number {
  let s = 0;
  for (const xi of x) s += xi * xi;
  return Math.sqrt(s);
}

/** The loss check: closed-form L against the Monte-Carlo mean of ℓ at confidence Z_LOSS. */
function checkLoss(closedLoss: number, mc: MonteCarloEstimate): Comparison {
  return compare('L', closedLoss, mc.lossMean, mc.lossSd, mc.n, Z_LOSS, Math.abs(closedLoss) + mc.lossSd);
}

/**
 * The gradient check: every coordinate of the closed-form (∇_w L, ∇_a L) against the Monte-Carlo
 * mean at confidence Z_GRAD (Bonferroni over the p + k coordinates). The float-slack scales are
 * the prefactors of the closed forms: |aᵀa*|/‖e + w‖ for ∇_w, ‖a‖ + ‖a*‖ for ∇_a.
 */
function checkGradient(
  t: Teacher,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  state: LossState,
  mc: MonteCarloEstimate,
): Comparison[] {
  const scaleW = Math.abs(state.aDotAStar) / state.normU;
  const scaleA = norm(a) + norm(t.aStar);
  const out: Comparison[] = [];
  for (let c = 0; c < t.p; c++) {
    out.push(compare(`∇_w[${c}]`, gradW[c], mc.gradMean[c], mc.gradSd[c], mc.n, Z_GRAD, scaleW));
  }
  for (let j = 0; j < t.k; j++) {
    out.push(compare(`∇_a[${j}]`, gradA[j], mc.gradMean[t.p + j], mc.gradSd[t.p + j], mc.n, Z_GRAD, scaleA));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: parameters by construction (no filtering).

/**
 * A double in [min, max] on the grid 2⁻²⁰·ℤ, built from an integer (so shrinking goes to simple
 * values). fc.double would also yield subnormals such as 5e-324, whose squares underflow to 0 and
 * make σ̂ = 0: irrelevant to the model, and a false alarm of the check.
 */
function gridDouble(min: number, max: number): fc.Arbitrary<number> {
  const steps = 2 ** 20;
  return fc.integer({ min: Math.ceil(min * steps), max: Math.floor(max * steps) }).map((i) => i / steps);
}

const coordinate = gridDouble(-1, 1);

function vectorArb(length: number, bound: number): fc.Arbitrary<Float64Array> {
  return fc.array(gridDouble(-bound, bound), { minLength: length, maxLength: length }).map((xs) => Float64Array.from(xs));
}

/**
 * A non-zero u ∈ R^p by construction: entries in [−ρ, ρ] with ρ ∈ [0.2, 3], and one chosen
 * coordinate forced to magnitude ≥ ρ/4, so ‖u‖ ≥ ρ/4 > 0 and every direction is reachable.
 */
function nonZeroVectorArb(p: number): fc.Arbitrary<Float64Array> {
  return fc
    .record({
      x: fc.array(coordinate, { minLength: p, maxLength: p }),
      index: fc.integer({ min: 0, max: p - 1 }),
      big: gridDouble(0.25, 1),
      negative: fc.boolean(),
      radius: gridDouble(0.2, 3),
    })
    .map(({ x, index, big, negative, radius }) => {
      const u = Float64Array.from(x);
      u[index] = negative ? -big : big;
      for (let i = 0; i < p; i++) u[i] *= radius;
      return u;
    });
}

/** The student's u = e + w: either free, or s·u* + a perturbation (φ near 0 or near π). */
type StudentSpec =
  | { readonly kind: 'free'; readonly u: Float64Array }
  | { readonly kind: 'near'; readonly s: number; readonly eps: number; readonly x: Float64Array };

function studentSpecArb(p: number): fc.Arbitrary<StudentSpec> {
  return fc.oneof(
    nonZeroVectorArb(p).map((u): StudentSpec => ({ kind: 'free', u })),
    fc
      .record({
        magnitude: gridDouble(0.2, 3),
        negative: fc.boolean(),
        eps: gridDouble(0, 0.15),
        x: fc.array(coordinate, { minLength: p, maxLength: p }),
      })
      .map(({ magnitude, negative, eps, x }): StudentSpec => ({
        kind: 'near',
        s: negative ? -magnitude : magnitude,
        eps,
        x: Float64Array.from(x),
      })),
  );
}

/** u = s·u* + ε‖u*‖·x/√p: since ‖x‖ ≤ √p, ‖u − s·u*‖ ≤ 0.15‖u*‖ < |s|‖u*‖, so u ≠ 0. */
function studentU(spec: StudentSpec, uStar: Float64Array): Float64Array {
  if (spec.kind === 'free') return spec.u;
  const p = uStar.length;
  const scale = (spec.eps * norm(uStar)) / Math.sqrt(p);
  return uStar.map((ui, i) => spec.s * ui + scale * spec.x[i]);
}

interface McCase {
  readonly p: number;
  readonly k: number;
  readonly wStar: Float64Array;
  readonly aStar: Float64Array;
  readonly w: Float64Array;
  readonly a: Float64Array;
  readonly seed: number;
}

const mcCaseArb: fc.Arbitrary<McCase> = fc
  .record({ p: fc.integer({ min: 1, max: 8 }), k: fc.integer({ min: 1, max: 8 }) })
  .chain(({ p, k }) =>
    fc
      .record({
        uStar: nonZeroVectorArb(p),
        student: studentSpecArb(p),
        aStar: vectorArb(k, 2),
        a: vectorArb(k, 2),
        seed: fc.integer({ min: 0, max: 0x7fffffff }),
      })
      .map(({ uStar, student, aStar, a, seed }): McCase => {
        const e = 1 / Math.sqrt(p);
        const u = studentU(student, uStar);
        return {
          p,
          k,
          wStar: uStar.map((x) => x - e),
          aStar,
          w: u.map((x) => x - e),
          a,
          seed,
        };
      }),
  );

function describeFailures(comparisons: readonly Comparison[]): string {
  return comparisons
    .filter((c) => !c.ok)
    .map((c) => `${c.name}: closed ${c.closed}, Monte Carlo ${c.mean}, |Δ| ${Math.abs(c.mean - c.closed)} > bound ${c.bound}`)
    .join('; ');
}

// ---------------------------------------------------------------------------------------------

/** Fixed examples for the power demonstrations (p = k = 4; w far from w*, φ ≈ 1.3). */
function powerExample(): { t: Teacher; w: Float64Array; aEqual: Float64Array; aOther: Float64Array } {
  const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1, 0.4), Float64Array.of(1, -0.5, 0.8, 0.3));
  return {
    t,
    w: Float64Array.of(-1, 0.5, 0.2, -0.3),
    aEqual: Float64Array.from(t.aStar),
    aOther: Float64Array.of(0.2, 0.3, -0.4, 0.1),
  };
}

const INV_2PI = 1 / (2 * Math.PI);
const INV_4PI = 1 / (4 * Math.PI);

describe('model.monte-carlo', () => {
  it('should accept the correct closed-form loss and flag a planted h → 0.9·h at the same N_MC', () => {
    // a = a*: L = h(φ)‖a*‖²/(2π) exactly, so the planted form is wrong by 10% of L.
    const { t, w, aEqual } = powerExample();
    const cf = closedForm(t, w, aEqual);
    const mc = monteCarlo(t, w, aEqual, 1);
    const good = checkLoss(cf.loss, mc);
    expect(good.ok, describeFailures([good])).toBe(true);
    const wrong = cf.loss - 0.1 * cf.state.h * cf.state.aDotAStar * INV_2PI;
    const bad = checkLoss(wrong, mc);
    expect(bad.ok).toBe(false);
    // The margin: the planted error exceeds the bound by well over the MC noise (σ̂/√n ≈ 0.7% of L).
    expect(Math.abs(mc.lossMean - wrong) / bad.bound).toBeGreaterThan(2);
  });

  it('should flag a planted (π − 1) → π in the loss at the same N_MC', () => {
    const { t, w, aOther } = powerExample();
    const cf = closedForm(t, w, aOther);
    const mc = monteCarlo(t, w, aOther, 2);
    expect(checkLoss(cf.loss, mc).ok).toBe(true);
    let sq = 0;
    for (let j = 0; j < t.k; j++) sq += (aOther[j] - t.aStar[j]) ** 2;
    const wrong = cf.loss + sq * INV_4PI; // (π−1)‖a − a*‖²/4π → π‖a − a*‖²/4π
    expect(checkLoss(wrong, mc).ok).toBe(false);
  });

  it('should flag planted gradient errors (h → 0.9·h in ∇_a, π − φ → π in ∇_w) at the same N_MC', () => {
    const { t, w, aOther } = powerExample();
    const cf = closedForm(t, w, aOther);
    const mc = monteCarlo(t, w, aOther, 3);
    const good = checkGradient(t, aOther, cf.gradW, cf.gradA, cf.state, mc);
    expect(good.every((c) => c.ok), describeFailures(good)).toBe(true);
    const wrongA = cf.gradA.map((g, j) => g - 0.1 * cf.state.h * t.aStar[j] * INV_2PI);
    expect(checkGradient(t, aOther, cf.gradW, wrongA, cf.state, mc).some((c) => !c.ok)).toBe(true);
    const wrongW = cf.gradW.map((g) => (g * Math.PI) / cf.state.piMinusPhi);
    expect(checkGradient(t, aOther, wrongW, cf.gradA, cf.state, mc).some((c) => !c.ok)).toBe(true);
  });

  it('should match the closed-form loss with the Monte-Carlo mean of ½(f − y)² (CLT, z = 5)', () => {
    fc.assert(
      fc.property(mcCaseArb, (c) => {
        const t = makeTeacher(c.wStar, c.aStar);
        const cf = closedForm(t, c.w, c.a);
        const result = checkLoss(cf.loss, monteCarlo(t, c.w, c.a, c.seed));
        if (!result.ok) throw new Error(`phi ${cf.state.phi}: ${describeFailures([result])}`);
      }),
      { seed: profile.seed, numRuns: NUM_RUNS },
    );
  });

  it('should match the closed-form gradients with the Monte-Carlo mean of ∇ℓ (CLT, z = 5.6 per coordinate)', () => {
    fc.assert(
      fc.property(mcCaseArb, (c) => {
        const t = makeTeacher(c.wStar, c.aStar);
        const cf = closedForm(t, c.w, c.a);
        const mc = monteCarlo(t, c.w, c.a, c.seed);
        const results = checkGradient(t, c.a, cf.gradW, cf.gradA, cf.state, mc);
        if (!results.every((r) => r.ok)) throw new Error(`phi ${cf.state.phi}: ${describeFailures(results)}`);
      }),
      { seed: profile.seed, numRuns: NUM_RUNS },
    );
  });
});
