/**
 * The plain GD step (src/model/plain-descent-step.ts) against the cancellation-free kernel
 * (src/model/population-loss.ts): inside its region the plain evaluation and update agree with
 * the kernel's to the accuracy its doc comment states; outside (φ or π − φ below 1/4, ‖e + w‖
 * below 1/2, aᵀa* cancelling) it declines, so that the descent loop takes the kernel's step.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { lossAndGradient, newLossState } from '../../src/model/population-loss.ts';
import {
  newPlainSums,
  PLAIN_MIN_ALIGNMENT,
  PLAIN_MIN_NORM,
  plainDescentStep,
  plainEvaluate,
  plainSumIterate,
  type PlainSums,
} from '../../src/model/plain-descent-step.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';

function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function relativeDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return norm(Array.from(x, (xi, i) => xi - y[i])) / norm(y);
}

/** A random teacher and a student at angle `phi` from it with ‖e + w‖ in [1/2, 5/2], sizes up to 600. */
function randomPoint(rng: Rng, phi: number): { t: Teacher; w: Float64Array; a: Float64Array } {
  const p = 1 + Math.floor(rng.uniform() * 600);
  const k = 1 + Math.floor(rng.uniform() * 600);
  const wStar = rng.fillNormal(new Float64Array(p)).map((x) => x / Math.sqrt(p));
  const aStar = rng.fillNormal(new Float64Array(k));
  const t = makeTeacher(wStar, aStar);
  const xi = rng.fillNormal(new Float64Array(p));
  let along = 0;
  for (let i = 0; i < p; i++) along += xi[i] * t.vStar[i];
  for (let i = 0; i < p; i++) xi[i] -= along * t.vStar[i];
  const xn = norm(xi) || 1;
  const scale = 0.5 + 2 * rng.uniform();
  const w = Float64Array.from(t.vStar, (v, i) => scale * (Math.cos(phi) * v + (Math.sin(phi) * xi[i]) / xn) - t.e);
  const a = rng.fillNormal(new Float64Array(k));
  return { t, w, a };
}

describe('plain GD step: against the cancellation-free kernel', () => {
  /**
   * Measured over 300 points with p, k ≤ 600 and φ uniform in [1/4, π/2] from either side (the
   * region's angles): loss ≤ 2.0e-15, φ ≤ 2.2e-14, and the update (w and a together) ≤ 1.4e-14
   * relative to the kernel's. The tolerances are ten times those.
   */
  it('should evaluate L and φ and step within the stated relative errors inside its region', () => {
    const rng = new Rng(7);
    const worst = { loss: 0, phi: 0, step: 0 };
    for (let trial = 0; trial < 300; trial++) {
      const side = rng.uniform() < 0.5;
      const angle = 0.25 + rng.uniform() * (Math.PI / 2 - 0.25);
      const { t, w, a } = randomPoint(rng, side ? angle : Math.PI - angle);
      const sums = newPlainSums();
      const state = newLossState();
      plainSumIterate(t, w, a, sums);
      if (!plainEvaluate(t, sums, state)) continue; // aᵀa* cancelling: the kernel's step
      const gradW = new Float64Array(t.p);
      const gradA = new Float64Array(t.k);
      const exact = newLossState();
      lossAndGradient(t, w, a, gradW, gradA, exact);
      worst.loss = Math.max(worst.loss, Math.abs(state.loss - exact.loss) / Math.abs(exact.loss));
      worst.phi = Math.max(worst.phi, Math.abs(state.phi - exact.phi) / exact.phi);
      const etaW = 0.3;
      const etaA = 0.2;
      sums.etaW = etaW;
      sums.etaA = etaA;
      const w1 = Float64Array.from(w);
      const a1 = Float64Array.from(a);
      plainDescentStep(t, w1, a1, sums);
      const stepPlain = [...Array.from(w1, (x, i) => x - w[i]), ...Array.from(a1, (x, j) => x - a[j])];
      const stepExact = [...Array.from(gradW, (g) => -etaW * g), ...Array.from(gradA, (g) => -etaA * g)];
      worst.step = Math.max(worst.step, relativeDifference(stepPlain, stepExact));
      // The sums it leaves are those of the new iterate.
      const fresh = newPlainSums();
      plainSumIterate(t, w1, a1, fresh);
      expect(sums.normUSq).toBe(fresh.normUSq);
      expect(sums.uDotUStar).toBe(fresh.uDotUStar);
      expect(sums.aDotAStar).toBe(fresh.aDotAStar);
      expect(sums.sumDiff).toBe(fresh.sumDiff);
      expect(sums.sqDiff).toBe(fresh.sqDiff);
    }
    expect(worst.loss).toBeLessThanOrEqual(2e-14);
    expect(worst.phi).toBeLessThanOrEqual(2.2e-13);
    expect(worst.step).toBeLessThanOrEqual(1.4e-13);
  });

  it('should decline near φ = 0, φ = π, e + w = 0 and where aᵀa* cancels', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1), Float64Array.of(1, -0.5));
    const cases: Record<string, [Float64Array, Float64Array]> = {
      'w = w*': [Float64Array.from(t.wStar), Float64Array.of(0.5, 0.5)],
      'φ = π − 1e-6': [Float64Array.from(t.uStar, (x, i) => -2 * x - t.e + (i === 0 ? 1e-6 : 0)), Float64Array.of(0.5, 0.5)],
      '‖e + w‖ = 1e-6': [Float64Array.from(t.vStar, (v) => 1e-6 * v - t.e), Float64Array.of(0.5, 0.5)],
      'aᵀa* = 0': [Float64Array.of(1, 2, 3), Float64Array.of(0.5, 1)],
    };
    for (const [name, [w, a]] of Object.entries(cases)) {
      const sums = newPlainSums();
      plainSumIterate(t, w, a, sums);
      expect(plainEvaluate(t, sums, newLossState()), name).toBe(false);
    }
    const sums = newPlainSums();
    plainSumIterate(t, Float64Array.of(1, 2, 3), Float64Array.of(0.5, 0.7), sums);
    expect(plainEvaluate(t, sums, newLossState())).toBe(true);
  });

  it('should flag a step whose new sums are not finite', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, -0.5));
    const w = Float64Array.of(1, 2);
    const a = Float64Array.of(0.5, 0.7);
    const sums = newPlainSums();
    plainSumIterate(t, w, a, sums);
    expect(plainEvaluate(t, sums, newLossState())).toBe(true);
    sums.etaW = 1;
    sums.etaA = 1e308;
    expect(plainDescentStep(t, w, a, sums) & 2).toBe(2);
  });
});

describe('plain GD step: the region is the one its doc comment states', () => {
  // Sums set by hand: a* = (2, 0), so ‖a*‖ = 2; u at cos φ = 1/2 from u*.
  const t = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(2, 0));
  function sums(normU: number, aDotAStar: number, sqDiff: number): PlainSums {
    const s = newPlainSums();
    s.normUSq = normU * normU;
    s.uDotUStar = 0.5 * normU * t.normUStar;
    s.aDotAStar = aDotAStar;
    s.sumDiff = 0;
    s.sqDiff = sqDiff;
    return s;
  }
  const accepts = (s: PlainSums) => plainEvaluate(t, s, newLossState());

  it('should take 1/2 ≤ ‖e + w‖ < 1e150, closed below and open above', () => {
    expect(accepts(sums(PLAIN_MIN_NORM, 4, 0))).toBe(true);
    expect(accepts(sums(0.3, 4, 0))).toBe(false);
    // ‖e + w‖² one ulp below 1/4: its square root is below 1/2.
    const below = sums(PLAIN_MIN_NORM, 4, 0);
    below.normUSq = 0.25 * (1 - 2 ** -53);
    expect(accepts(below)).toBe(false);
    expect(accepts(sums(1e149, 4, 0))).toBe(true);
    expect(Math.sqrt(1e300)).toBe(1e150); // so the next case sits exactly on the bound
    expect(accepts(sums(1e150, 4, 0))).toBe(false);
    expect(accepts(sums(1e151, 4, 0))).toBe(false);
  });

  it('should take |aᵀa*| ≥ 1e-6 (‖a − a*‖ + ‖a*‖)‖a*‖, the bound included', () => {
    // ‖a − a*‖ = 1, ‖a*‖ = 2: the bound is 1e-6·(1 + 2)·2 = 6e-6.
    const bound = PLAIN_MIN_ALIGNMENT * ((1 + 2) * 2);
    expect(accepts(sums(1, bound, 1))).toBe(true);
    expect(accepts(sums(1, -bound, 1))).toBe(true);
    expect(accepts(sums(1, 5e-6, 1))).toBe(false);
    expect(accepts(sums(1, -5e-6, 1))).toBe(false);
    expect(accepts(sums(1, 1.5e-6, 1))).toBe(false);
  });

  it('should decline sums that are not finite or put cos φ outside [−1, 1]', () => {
    expect(accepts(sums(Number.NaN, 4, 0))).toBe(false);
    expect(accepts(sums(1, Number.NaN, 0))).toBe(false);
    for (const c of [1 + 2 ** -52, -1 - 2 ** -52, Number.POSITIVE_INFINITY]) {
      const s = sums(1, 4, 0);
      s.uDotUStar = c * t.normUStar;
      expect(accepts(s), `cos φ = ${c}`).toBe(false);
    }
  });
});

describe('plain GD step: the a-update', () => {
  const D = Decimal.clone({ precision: 50 });
  const piD = D.acos(-1);

  /**
   * ∇_a L at the angle f, in 50-digit decimal.js:
   * ((π − 1)(a − a*) + 1ᵀ(a − a*) + h(φ) a*)/2π with h(φ) = π − (π − φ) cos φ − sin φ.
   */
  function exactGradA(f: Decimal, a: Float64Array, aStar: Float64Array): Decimal[] {
    const h = piD.minus(piD.minus(f).times(D.cos(f))).minus(D.sin(f));
    let sum = new D(0);
    for (let j = 0; j < a.length; j++) sum = sum.plus(doubleToDecimal(a[j], D).minus(doubleToDecimal(aStar[j], D)));
    return Array.from(a, (aj, j) =>
      piD.minus(1).times(doubleToDecimal(aj, D).minus(doubleToDecimal(aStar[j], D))).plus(sum).plus(h.times(doubleToDecimal(aStar[j], D))).div(piD.times(2)),
    );
  }

  /**
   * The largest relative error, in units of u = 2⁻⁵³, of the a-update's gradient over 41 points at
   * angles spread over [φ0, φ1], with a = scale·a*, a* = (1, −1) (1ᵀa* = 0, so only the near and far
   * forms' own terms meet), against the exact gradient at φ = acos(c) for the cosine c the plain
   * evaluation forms. η_a = 1e6 makes a − η_a∇_a L carry ∇_a L to about one ulp. Both tests'
   * tolerance, 24 u, lies between the measured errors of the right form and of the other one.
   */
  function worstAUpdateError(phi0: number, phi1: number, scale: number): number {
    const aStar = Float64Array.of(1, -1);
    const t = makeTeacher(Float64Array.of(0.4, -0.1), aStar);
    const perp = Float64Array.of(-t.vStar[1], t.vStar[0]);
    let worst = 0;
    for (let i = 0; i <= 40; i++) {
      const target = phi0 + ((phi1 - phi0) * i) / 40;
      const w = Float64Array.from(t.vStar, (v, j) => Math.cos(target) * v + Math.sin(target) * perp[j] - t.e);
      const a = Float64Array.from(aStar, (x) => scale * x);
      const s = newPlainSums();
      const state = newLossState();
      plainSumIterate(t, w, a, s);
      const cosPhi = s.uDotUStar / Math.sqrt(s.normUSq) / t.normUStar;
      expect(plainEvaluate(t, s, state), `φ = ${target}`).toBe(true);
      s.etaW = 0;
      s.etaA = 1e6;
      const next = Float64Array.from(a);
      plainDescentStep(t, w, next, s);
      const exact = exactGradA(doubleToDecimal(cosPhi, D).acos(), a, aStar);
      for (let j = 0; j < a.length; j++) {
        const got = (a[j] - next[j]) / 1e6;
        worst = Math.max(worst, doubleToDecimal(got, D).minus(exact[j]).abs().div(exact[j].abs()).toNumber() / 2 ** -53);
      }
    }
    return worst;
  }

  /**
   * Just above φ = 1/4 at a = a*, ∇_a L = h a* / 2π: the near form has no cancellation (measured
   * 4.4 u, h's and acos's own errors); the far form's (π − 1)a + (1 − g)a* would cancel 40-fold
   * (measured 43.4 u at the same points).
   */
  it('should use the near form for φ ≤ π/2: accurate at a = a* just above φ = 1/4', () => {
    expect(worstAUpdateError(0.26, 0.3, 1)).toBeLessThanOrEqual(24);
  });

  /**
   * Past π/2 at a ≈ 0, ∇_a L ≈ (1 − g)a* / 2π: the far form adds terms of one sign (measured 14.2 u,
   * mostly g's and acos's own errors where 1 − g ≈ 0.2); the near form's (π − 1)(a − a*) + h a*
   * would cancel about 25-fold (measured 51.9 u at the same points).
   */
  it('should use the far form for φ > π/2: accurate at a ≈ 0 past φ = π/2', () => {
    expect(worstAUpdateError(1.65, 1.75, 1e-5)).toBeLessThanOrEqual(24);
  });
});

describe('plain GD step: what it reports', () => {
  it('should report whether some entry changed', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, -0.5));
    const step = (etaW: number, etaA: number): number => {
      const w = Float64Array.of(1, 2);
      const a = Float64Array.of(0.5, 0.7);
      const s = newPlainSums();
      plainSumIterate(t, w, a, s);
      expect(plainEvaluate(t, s, newLossState())).toBe(true);
      s.etaW = etaW;
      s.etaA = etaA;
      return plainDescentStep(t, w, a, s);
    };
    expect(step(0, 0)).toBe(0);
    expect(step(0.1, 0)).toBe(1);
    expect(step(0, 0.1)).toBe(1);
    expect(step(0.1, 0.1)).toBe(1);
  });
});
