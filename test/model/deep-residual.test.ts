/**
 * The deep residual model (src/model/deep-residual.ts): its hand-written backpropagation against
 * central finite differences of a 40-digit decimal.js forward pass (relative 1e-8 for L ≤ 8, the
 * acceptance bound of the issue), its reduction to the two-layer model at L = 0 and with zero
 * residual blocks, argument checks, the initializations, and the PD frontier of
 * src/experiments/pd-frontier.ts that the deep-PD claim reports.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { epsilonAt, pdFrontier } from '../../src/experiments/pd-frontier.ts';
import { deepResidualLayout, deepResidualLossAndGradient, deepResidualOutputs, type DeepResidualLayout } from '../../src/model/deep-residual.ts';
import { plantedDeepTeacher, zeroBlockStudent } from '../../src/model/deep-residual-init.ts';
import { gaussianBatch, type GaussianBatch } from '../../src/model/gaussian-batch.ts';
import { batchLossAndGradient, teacherOutputs } from '../../src/model/sample-model.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';

/** 40 significant digits: central differences with h = 1e-15 are then exact to ~1e-25 relative. */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
const H = new D('1e-15');

/** L_B(θ) in decimal arithmetic (the forward pass of the module comment, nothing shared). */
function decimalLoss(layout: DeepResidualLayout, theta: Decimal[], batch: GaussianBatch, labels: Float64Array): Decimal {
  const { p, k, width: m, depth } = layout;
  const relu = (x: Decimal): Decimal => (x.gt(0) ? x : new D(0));
  const e = new D(1).div(new D(p).sqrt());
  const u = theta.slice(0, p).map((w) => w.plus(e));
  const norm = u.reduce((s, x) => s.plus(x.times(x)), new D(0)).sqrt();
  const v = u.map((x) => x.div(norm));
  let total = new D(0);
  for (let i = 0; i < batch.n; i++) {
    let f = new D(0);
    for (let j = 0; j < k; j++) {
      let x = Array.from({ length: p }, (_, c) => doubleToDecimal(batch.z[(i * k + j) * p + c], D));
      for (let l = 0; l < depth; l++) {
        const { u: uOff, v: vOff } = layout.blocks[l];
        const hidden = Array.from({ length: m }, (_, r) => relu(x.reduce((s, xc, c) => s.plus(theta[vOff + r * p + c].times(xc)), new D(0))));
        x = x.map((xc, c) => hidden.reduce((s, hr, r) => s.plus(theta[uOff + c * m + r].times(hr)), xc));
      }
      const s = x.reduce((acc, xc, c) => acc.plus(v[c].times(xc)), new D(0));
      f = f.plus(theta[layout.a + j].times(relu(s)));
    }
    const r = f.minus(doubleToDecimal(labels[i], D));
    total = total.plus(r.times(r));
  }
  return total.div(2 * batch.n);
}

/** Worst relative error max_i |g_i − fd_i| / max(|fd_i|, 1e-3·‖fd‖_∞) over θ. */
function worstRelativeError(layout: DeepResidualLayout, theta: Float64Array, batch: GaussianBatch, labels: Float64Array): number {
  const grad = new Float64Array(layout.size);
  deepResidualLossAndGradient(layout, theta, batch, labels, grad);
  const exact = Array.from(theta, (x) => doubleToDecimal(x, D));
  const fd = exact.map((_, x) => {
    const plus = exact.slice();
    const minus = exact.slice();
    plus[x] = exact[x].plus(H);
    minus[x] = exact[x].minus(H);
    return decimalLoss(layout, plus, batch, labels).minus(decimalLoss(layout, minus, batch, labels)).div(H.times(2)).toNumber();
  });
  const scale = Math.max(...fd.map(Math.abs));
  let worst = 0;
  fd.forEach((f, x) => {
    worst = Math.max(worst, Math.abs(grad[x] - f) / Math.max(Math.abs(f), 1e-3 * scale));
  });
  return worst;
}

/** A generic point: teacher labels, student weights of moderate size in every block. */
function problem(depth: number, seed: number): { layout: DeepResidualLayout; theta: Float64Array; batch: GaussianBatch; labels: Float64Array } {
  const layout = deepResidualLayout({ p: 3, k: 2, width: 3, depth });
  const rng = new Rng(seed);
  const thetaStar = plantedDeepTeacher(rng, layout, { wScale: 0.5, branchScale: 0.5 });
  const theta = Float64Array.from(thetaStar, (x) => x + 0.3 * rng.normal());
  const batch = gaussianBatch(rng, 3, 2, 3);
  return { layout, theta, batch, labels: deepResidualOutputs(layout, thetaStar, batch) };
}

describe('deep-residual gradient', () => {
  for (const depth of [0, 1, 2, 4, 8]) {
    it(`should match 40-digit central differences to relative 1e-8 at depth ${depth}`, () => {
      for (const seed of [1, 2]) {
        const { layout, theta, batch, labels } = problem(depth, 100 * depth + seed);
        // Measured worst (componentwise, floor 1e-3 of the largest entry): 3.7e-14 (depth 4), below
        // 2.2e-15 at depths 0–2, with 60–100% of the entries non-zero; the bound is 1e-8.
        expect(worstRelativeError(layout, theta, batch, labels)).toBeLessThan(1e-8);
      }
    }, 60_000);
  }
});

describe('deep-residual forward', () => {
  it('should be the two-layer sample model at depth 0', () => {
    const rng = new Rng(5);
    const layout = deepResidualLayout({ p: 4, k: 3, width: 2, depth: 0 });
    const wStar = rng.fillNormal(new Float64Array(4)).map((x) => 0.5 * x);
    const aStar = rng.fillNormal(new Float64Array(3));
    const t = makeTeacher(wStar, aStar);
    const w = rng.fillNormal(new Float64Array(4));
    const a = rng.fillNormal(new Float64Array(3));
    const batch = gaussianBatch(rng, 50, 3, 4);
    const labels = teacherOutputs(t, batch);
    const theta = Float64Array.from([...w, ...a]);
    const grad = new Float64Array(layout.size);
    const gradW = new Float64Array(4);
    const gradA = new Float64Array(3);
    const deep = deepResidualLossAndGradient(layout, theta, batch, labels, grad);
    const two = batchLossAndGradient(t, batch, w, a, gradW, gradA);
    // Same operations in a different order (labels precomputed, sums regrouped): a few ulps.
    expect(Math.abs(deep - two)).toBeLessThanOrEqual(1e-14 * two);
    for (let i = 0; i < 4; i++) expect(Math.abs(grad[i] - gradW[i])).toBeLessThanOrEqual(1e-14 * Math.hypot(...gradW));
    for (let j = 0; j < 3; j++) expect(Math.abs(grad[4 + j] - gradA[j])).toBeLessThanOrEqual(1e-14 * Math.hypot(...gradA));
  });

  it('should start the student with every residual block the identity', () => {
    const layout = deepResidualLayout({ p: 4, k: 4, width: 4, depth: 3 });
    const rng = new Rng(8);
    const student = zeroBlockStudent(rng, layout);
    const batch = gaussianBatch(rng, 20, 4, 4);
    const shallow = deepResidualLayout({ p: 4, k: 4, width: 4, depth: 0 });
    const outDeep = deepResidualOutputs(layout, student, batch);
    const outShallow = deepResidualOutputs(shallow, student.subarray(0, shallow.size), batch);
    expect(Array.from(outDeep)).toEqual(Array.from(outShallow));
    for (const b of layout.blocks) expect(student.subarray(b.u, b.v).every((x) => x === 0)).toBe(true);
  });

  it('should give the planted teacher small residual branches', () => {
    const layout = deepResidualLayout({ p: 6, k: 2, width: 6, depth: 4 });
    const theta = plantedDeepTeacher(new Rng(3), layout, { wScale: 0.5, branchScale: 0.1 });
    // U*_l entries ~ N(0, τ²/(mL)): ‖U*_l‖_F² is (pτ²/L)·χ²₃₆/36 with mean 0.015 (norm ≈ 0.12);
    // 0.3² is 6 times the mean (fixed seed; the χ² tail there is below 1e-20).
    for (const b of layout.blocks) expect(Math.hypot(...theta.subarray(b.u, b.v))).toBeLessThan(0.3);
  });

  it('should reject bad shapes and e + w = 0, naming the value', () => {
    expect(() => deepResidualLayout({ p: 0, k: 1, width: 1, depth: 1 })).toThrow(new RangeError('p must be an integer ≥ 1 (got 0)'));
    expect(() => deepResidualLayout({ p: 2, k: 1, width: 1, depth: -1 })).toThrow(new RangeError('depth must be an integer ≥ 0 (got -1)'));
    const layout = deepResidualLayout({ p: 4, k: 2, width: 2, depth: 1 });
    const batch = gaussianBatch(new Rng(1), 2, 2, 4);
    expect(() => deepResidualOutputs(layout, new Float64Array(3), batch)).toThrow(new RangeError(`theta must have length size = ${layout.size} (got 3)`));
    const theta = new Float64Array(layout.size).fill(-0.5); // p = 4: e = (½, ½, ½, ½), so e + w = 0
    expect(() => deepResidualOutputs(layout, theta, batch)).toThrow(/e \+ w must be non-zero/);
    expect(() => deepResidualOutputs(layout, new Float64Array(layout.size), gaussianBatch(new Rng(1), 2, 3, 4))).toThrow(new RangeError('batch.k must equal k = 2 (got 3)'));
  });
});

describe('pd-frontier', () => {
  it('should give PD with ε = 0 and c₀ = min in/d when every inner product is positive', () => {
    const f = pdFrontier([2, 3, 0.5], [1, 1.5, 1]);
    expect(f.cAtZeroEpsilon).toBe(0.5);
    expect(f).toMatchObject({ c: 0.5, epsilon: 0, radius: 0, radiusRatio: 0, negative: 0, points: 3 });
  });

  it('should be vacuous when the farthest point has a non-positive inner product', () => {
    const f = pdFrontier([1, -0.1], [1, 4]);
    expect(f).toMatchObject({ c: null, epsilon: null, radiusRatio: 1, maxDistance: 2, negative: 1 });
  });

  it('should find the smallest radius min_t max(d − t·in) between the two', () => {
    // Lines 4 − t·2 (far, moving in) and 1 + t·1 (near, moving out) cross at t = 1: r*² = 2.
    const f = pdFrontier([2, -1], [4, 1]);
    expect(f.radius).toBeCloseTo(Math.SQRT2, 12);
    expect(f.c as number).toBeCloseTo(1, 12);
    expect(f.epsilon as number).toBeCloseTo(2, 12);
    // ε* is the smallest ε at c*: ε(c*) computed directly agrees.
    expect(epsilonAt(f.c as number, [2, -1], [4, 1])).toBeCloseTo(2, 12);
    expect(f.radiusRatio).toBeCloseTo(Math.SQRT2 / 2, 12);
  });

  it('should skip points at distance 0 and reject an empty set', () => {
    expect(pdFrontier([5, 1], [0, 1]).points).toBe(1);
    expect(() => pdFrontier([1], [0])).toThrow(RangeError);
  });
});
