/**
 * The initializations of src/theory/initialization.ts (THEORY.md §5, the P1 teacher of §7), checked
 * against the distributions they are defined to have:
 * - ballRadius = |1ᵀa*|/√k (hand values);
 * - uniformOnSphere: unit norm (to a few ε), both signs in dimension 1, the moments of the uniform
 *   distribution on S^{n−1} (E u = 0, E u_i² = 1/n), and a unit vector even when the Gaussian draw
 *   is exactly 0 (a possible draw, probability about 2⁻⁵² per entry, forced here by a stub stream);
 * - uniformInBall: inside B(0, r), with P(‖x‖ ≤ r·t) = t^k (Kolmogorov–Smirnov on (‖x‖/r)^k) and a
 *   centred direction;
 * - gaussianScaledInit: a_0 ~ N(0, I/k): ‖a_0‖² ≈ 1 for large k, and √k·a_{0,i} standard normal (KS);
 * - cnnInitW: e + w_0 = u is a unit vector (e = 1_p/√p), centred;
 * - protocolTeacher: a* ~ N(0, I_k), w* = s·ξ/√p: ‖a*‖²/k ≈ 1 and ‖w*‖² ≈ s².
 * Statistical checks use fixed seeds and 5σ bounds (two-sided false-alarm rate 6e-7 each under
 * normality) or KS at level 1e-4 (critical value 2.23/√N); each would fail on the wrong scale or
 * exponent by many standard errors. Norm tolerances are in units of ε = 2⁻⁵² and were measured.
 */
import { describe, expect, it } from 'vitest';
import { shortcutComponent } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { normalCdf } from '../../src/stats/normal.ts';
import {
  ballRadius,
  cnnInitW,
  gaussianScaledInit,
  protocolTeacher,
  uniformInBall,
  uniformOnSphere,
} from '../../src/theory/initialization.ts';

const EPS = 2 ** -52;
/** Kolmogorov's asymptotic critical value at level 1e-4: √(ln(2/1e-4)/2). */
const KS_CRITICAL_1E4 = Math.sqrt(Math.log(2 / 1e-4) / 2);

function normSq(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

/** The Kolmogorov–Smirnov statistic sup |F_N − F| of a sample against a continuous CDF. */
function ksStatistic(sample: number[], cdf: (x: number) => number): number {
  const sorted = [...sample].sort((x, y) => x - y);
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Fills with zeros on its first `fillNormal` call (an exactly-zero Gaussian draw), then as Rng. */
class ZeroFirstRng extends Rng {
  private zeroed = false;
  override fillNormal(out: Float64Array): Float64Array {
    if (!this.zeroed) {
      this.zeroed = true;
      out.fill(0);
      return out;
    }
    return super.fillNormal(out);
  }
}

describe('ballRadius', () => {
  it('should give |1ᵀa*|/√k', () => {
    expect(ballRadius(-3, 4)).toBe(1.5);
    expect(ballRadius(2, 1)).toBe(2);
    expect(ballRadius(0, 7)).toBe(0);
    expect(ballRadius(5, 25)).toBe(1);
  });
});

describe('uniformOnSphere', () => {
  it('should return unit vectors of length n', () => {
    const rng = new Rng(1);
    for (const n of [1, 2, 3, 10, 100]) {
      for (let t = 0; t < 200; t++) {
        const u = uniformOnSphere(rng, n);
        expect(u.length).toBe(n);
        // Measured over 2 000 draws per n: |‖u‖ − 1| ≤ 3ε (n = 100); tolerance 4ε.
        expect(Math.abs(Math.sqrt(normSq(u)) - 1), `n = ${n}`).toBeLessThanOrEqual(4 * EPS);
      }
    }
  });

  it('should give ±1 in dimension 1, both signs about equally often', () => {
    const rng = new Rng(2);
    let plus = 0;
    const N = 2000;
    for (let t = 0; t < N; t++) {
      const [u] = uniformOnSphere(rng, 1);
      // u·(1/√(u²)) is ±1 up to the rounding of the reciprocal: measured |‖u‖ − 1| ≤ ε/2 over
      // these 2 000 draws; tolerance ε.
      expect(Math.abs(Math.abs(u) - 1)).toBeLessThanOrEqual(EPS);
      if (u > 0) plus++;
    }
    // Binomial(2000, 1/2): sd 22.4; 5σ bound (fixed seed).
    expect(Math.abs(plus - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
  });

  it('should have the moments of the uniform distribution on S^{n−1}: E u = 0, E u_i² = 1/n', () => {
    const rng = new Rng(3);
    const n = 3;
    const N = 4000;
    const mean = new Float64Array(n);
    const second = new Float64Array(n);
    for (let t = 0; t < N; t++) {
      const u = uniformOnSphere(rng, n);
      for (let i = 0; i < n; i++) {
        mean[i] += u[i] / N;
        second[i] += (u[i] * u[i]) / N;
      }
    }
    // Var u_i = 1/n; Var u_i² = E u_i⁴ − 1/n² = 3/(n(n + 2)) − 1/n² (= 4/45 at n = 3). 5σ bounds.
    const varSecond = 3 / (n * (n + 2)) - 1 / (n * n);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(mean[i]), `E u_${i}`).toBeLessThan(5 * Math.sqrt(1 / n / N));
      expect(Math.abs(second[i] - 1 / n), `E u_${i}²`).toBeLessThan(5 * Math.sqrt(varSecond / N));
    }
  });

  it('should still return a unit vector when the Gaussian draw is exactly zero (it draws again)', () => {
    for (const n of [1, 4]) {
      const u = uniformOnSphere(new ZeroFirstRng(4), n);
      // Same tolerance as above (measured 3ε).
      expect(Math.abs(Math.sqrt(normSq(u)) - 1), `n = ${n}: u = ${u}`).toBeLessThanOrEqual(4 * EPS);
    }
  });
});

describe('uniformInBall', () => {
  it('should draw inside B(0, r) with P(‖x‖ ≤ r·t) = t^k and a centred direction', () => {
    const N = 2000;
    for (const [k, radius, seed] of [
      [2, 0.5, 10],
      [3, 2, 11],
      [10, 1.5, 12],
    ] as const) {
      const rng = new Rng(seed);
      const radial: number[] = [];
      const mean = new Float64Array(k);
      for (let t = 0; t < N; t++) {
        const x = uniformInBall(rng, k, radius);
        expect(x.length).toBe(k);
        const r = Math.sqrt(normSq(x));
        // ‖x‖ = r·U^{1/k}·‖u‖ with |‖u‖ − 1| ≤ 4ε (above): at most r(1 + 4ε).
        expect(r, `k = ${k}`).toBeLessThanOrEqual(radius * (1 + 4 * EPS));
        radial.push((r / radius) ** k);
        for (let i = 0; i < k; i++) mean[i] += x[i] / N;
      }
      // (‖x‖/r)^k ~ U(0, 1) exactly for the uniform ball; KS at level 1e-4 (fixed seed).
      const d = ksStatistic(radial, (v) => Math.min(1, Math.max(0, v)));
      expect(d * Math.sqrt(N), `k = ${k}, r = ${radius}`).toBeLessThan(KS_CRITICAL_1E4);
      // E x = 0, Var x_i = r²/(k + 2); 5σ bounds.
      for (let i = 0; i < k; i++) {
        expect(Math.abs(mean[i]), `k = ${k}: E x_${i}`).toBeLessThan(5 * Math.sqrt((radius * radius) / (k + 2) / N));
      }
    }
  });
});

describe('gaussianScaledInit: a_0 ~ N(0, I/k)', () => {
  it('should give ‖a_0‖² ≈ 1 for large k (χ²_k / k)', () => {
    const rng = new Rng(20);
    for (const k of [2500, 10_000]) {
      const a = gaussianScaledInit(rng, k);
      expect(a.length).toBe(k);
      // ‖a_0‖² = χ²_k / k: mean 1, sd √(2/k); 5σ bound.
      expect(Math.abs(normSq(a) - 1), `k = ${k}`).toBeLessThan(5 * Math.sqrt(2 / k));
    }
  });

  it('should give √k·a_{0,i} standard normal, for small k too', () => {
    const rng = new Rng(21);
    for (const k of [1, 4, 9]) {
      const scaled: number[] = [];
      for (let t = 0; t < Math.ceil(3000 / k); t++) for (const x of gaussianScaledInit(rng, k)) scaled.push(Math.sqrt(k) * x);
      const d = ksStatistic(scaled, normalCdf);
      expect(d * Math.sqrt(scaled.length), `k = ${k}`).toBeLessThan(KS_CRITICAL_1E4);
    }
  });
});

describe('cnnInitW: w_0 = u − e, u uniform on the unit sphere', () => {
  it('should make e + w_0 a unit vector (e = 1_p/√p)', () => {
    const rng = new Rng(30);
    for (const p of [1, 2, 5, 64]) {
      const e = shortcutComponent(p);
      for (let t = 0; t < 200; t++) {
        const w = cnnInitW(rng, p);
        expect(w.length).toBe(p);
        // Measured over 2 000 draws per p: |‖e + w_0‖ − 1| ≤ 2.5ε; tolerance 4ε.
        expect(Math.abs(Math.sqrt(normSq(w.map((wi) => wi + e))) - 1), `p = ${p}`).toBeLessThanOrEqual(4 * EPS);
      }
    }
  });

  it('should centre e + w_0 at 0 (u uniform on the sphere)', () => {
    const rng = new Rng(31);
    const p = 4;
    const e = shortcutComponent(p);
    const N = 4000;
    const mean = new Float64Array(p);
    for (let t = 0; t < N; t++) {
      const w = cnnInitW(rng, p);
      for (let i = 0; i < p; i++) mean[i] += (w[i] + e) / N;
    }
    // Var u_i = 1/p; 5σ bounds. (w_0 itself is centred at −e = −1/2 here, 63σ away.)
    for (let i = 0; i < p; i++) expect(Math.abs(mean[i]), `E u_${i}`).toBeLessThan(5 * Math.sqrt(1 / p / N));
  });
});

describe('protocolTeacher: a* ~ N(0, I_k), w* = s·ξ/√p', () => {
  it('should give ‖w*‖² ≈ s² and ‖a*‖²/k ≈ 1 for large p and k', () => {
    const rng = new Rng(40);
    for (const [p, k, s] of [
      [10_000, 10_000, 0.5],
      [4900, 2500, 2],
    ] as const) {
      const { wStar, aStar } = protocolTeacher(rng, p, k, s);
      expect(wStar.length).toBe(p);
      expect(aStar.length).toBe(k);
      // ‖w*‖²/s² = χ²_p / p and ‖a*‖²/k = χ²_k / k: mean 1, sd √(2/p), √(2/k); 5σ bounds.
      expect(Math.abs(normSq(wStar) / (s * s) - 1), `p = ${p}, s = ${s}`).toBeLessThan(5 * Math.sqrt(2 / p));
      expect(Math.abs(normSq(aStar) / k - 1), `k = ${k}`).toBeLessThan(5 * Math.sqrt(2 / k));
    }
  });

  it('should give standard normal entries √p·w*_i/s and a*_j for small p and k (KS)', () => {
    const rng = new Rng(41);
    const p = 3;
    const k = 2;
    const s = 1.5;
    const w: number[] = [];
    const a: number[] = [];
    for (let t = 0; t < 1000; t++) {
      const { wStar, aStar } = protocolTeacher(rng, p, k, s);
      for (const x of wStar) w.push((Math.sqrt(p) * x) / s);
      for (const x of aStar) a.push(x);
    }
    expect(ksStatistic(w, normalCdf) * Math.sqrt(w.length), 'w*').toBeLessThan(KS_CRITICAL_1E4);
    expect(ksStatistic(a, normalCdf) * Math.sqrt(a.length), 'a*').toBeLessThan(KS_CRITICAL_1E4);
  });
});
