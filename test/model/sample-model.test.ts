/**
 * Example tests of the sample-based model (THEORY.md §1): the Gaussian batch generator, the
 * network output, the batch loss and its exact gradient (σ'(0) = 0), and argument checking.
 * The statistical link to the closed forms is in properties/model.monte-carlo.prop.ts.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import {
  allocateGaussianBatch,
  fillGaussianBatch,
  gaussianBatch,
  patchOffset,
  type GaussianBatch,
} from '../../src/model/gaussian-batch.ts';
import {
  batchLoss,
  batchLossAndGradient,
  evaluateBatch,
  networkOutput,
  newSampleModelScratch,
  sampleLossAndGradient,
  studentDirection,
  studentOutputs,
  teacherOutputs,
} from '../../src/model/sample-model.ts';

const SQRT2 = Math.SQRT2;
const EPS = 2 ** -52;

/** ‖x‖₂. */
function norm(x: Float64Array): number {
  let s = 0;
  for (const xi of x) s += xi * xi;
  return Math.sqrt(s);
}

/** |x − y| ≤ tol·max(|x|, |y|, tiny). */
function expectRelClose(actual: number, expected: number, tol: number): void {
  const scale = Math.max(Math.abs(actual), Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tol);
}

/** A batch with the given entries (row-major sample, patch, coordinate). */
function batchOf(n: number, k: number, p: number, entries: readonly number[]): GaussianBatch {
  return { n, k, p, z: Float64Array.from(entries) };
}

/**
 * The hand-computed case: p = k = 2, w = 0 so v = e = (1, 1)/√2 and ‖e + w‖ = 1;
 * w* = (1 − 1/√2, −1/√2) so e + w* = (1, 0) = v*; a = (1/2, −1), a* = (1, 2).
 * One sample Z_1 = (1, 3), Z_2 = (−2, 1):
 *   Z_1ᵀv = 4/√2 = 2√2 > 0,  Z_2ᵀv = −1/√2 < 0  ⇒  f = ½·2√2 = √2;
 *   Z_1ᵀv* = 1, Z_2ᵀv* = −2                    ⇒  y = 1;
 *   r = √2 − 1, L_B = ½(√2 − 1)²;
 *   ∇_a L_B = r·(2√2, 0);
 *   ∇_w L_B = r·a_1·(I − v vᵀ)Z_1/1 = r·½·((1, 3) − 2√2·(1, 1)/√2) = r·½·(−1, 1).
 */
function handCase(): {
  t: ReturnType<typeof makeTeacher>;
  batch: GaussianBatch;
  w: Float64Array;
  a: Float64Array;
} {
  const t = makeTeacher(Float64Array.of(1 - 1 / SQRT2, -1 / SQRT2), Float64Array.of(1, 2));
  const batch = batchOf(1, 2, 2, [1, 3, -2, 1]);
  return { t, batch, w: new Float64Array(2), a: Float64Array.of(0.5, -1) };
}

/** A random teacher and student of the given sizes (entries N(0, 1), w* scaled by ½). */
function randomProblem(rng: Rng, p: number, k: number) {
  const wStar = new Float64Array(p).map(() => 0.5 * rng.normal());
  const aStar = new Float64Array(k).map(() => rng.normal());
  const w = new Float64Array(p).map(() => rng.normal());
  const a = new Float64Array(k).map(() => rng.normal());
  return { t: makeTeacher(wStar, aStar), w, a };
}

describe('gaussian-batch', () => {
  it('should store n·k·p entries row-major (sample, patch, coordinate)', () => {
    const batch = allocateGaussianBatch(3, 4, 5);
    expect(batch.z.length).toBe(60);
    expect(patchOffset(batch, 0, 0)).toBe(0);
    expect(patchOffset(batch, 0, 1)).toBe(5);
    expect(patchOffset(batch, 1, 0)).toBe(20);
    expect(patchOffset(batch, 2, 3)).toBe(55);
  });

  it('should give the same batch for the same seed and a different one for another seed', () => {
    const b1 = gaussianBatch(new Rng(42), 7, 3, 4);
    const b2 = gaussianBatch(new Rng(42), 7, 3, 4);
    const b3 = gaussianBatch(new Rng(43), 7, 3, 4);
    expect(Array.from(b1.z)).toEqual(Array.from(b2.z));
    expect(Array.from(b1.z)).not.toEqual(Array.from(b3.z));
  });

  it('should refill a caller batch in place with the same draws as the allocating constructor', () => {
    const rng = new Rng(7);
    const batch = allocateGaussianBatch(5, 2, 3);
    const z = batch.z;
    expect(fillGaussianBatch(rng, batch)).toBe(batch);
    expect(batch.z).toBe(z);
    expect(Array.from(batch.z)).toEqual(Array.from(gaussianBatch(new Rng(7), 5, 2, 3).z));
    // A second fill continues the stream: new draws.
    const first = Array.from(batch.z);
    fillGaussianBatch(rng, batch);
    expect(Array.from(batch.z)).not.toEqual(first);
  });

  it('should draw roughly standard normal entries', () => {
    // 60 000 draws: the sample mean has sd 0.0041 and the sample variance sd ≈ 0.0058;
    // the bounds are ≈ 5 sd (the seed is fixed, so this is a deterministic smoke test).
    const z = gaussianBatch(new Rng(1), 1000, 6, 10).z;
    let s = 0;
    let s2 = 0;
    for (const x of z) {
      s += x;
      s2 += x * x;
    }
    const mean = s / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(s2 / z.length - mean * mean - 1)).toBeLessThan(0.03);
  });

  it('should reject non-positive or fractional sizes and a z of the wrong length', () => {
    expect(() => allocateGaussianBatch(0, 2, 3)).toThrow(new RangeError('n must be a positive integer (got 0)'));
    expect(() => allocateGaussianBatch(2, 1.5, 3)).toThrow(new RangeError('k must be a positive integer (got 1.5)'));
    expect(() => fillGaussianBatch(new Rng(1), batchOf(2, 2, 3, [1, 2, 3]))).toThrow(
      new RangeError('batch.z must have length n·k·p = 2·2·3 = 12 (got 3)'),
    );
  });
});

describe('sample-model', () => {
  it('should compute f, y, the loss and the gradient of the hand-computed case', () => {
    const { t, batch, w, a } = handCase();
    const v = new Float64Array(2);
    // Tolerances in units of EPS = 2⁻⁵², each the smallest that passes (measured value in brackets);
    // 1 EPS where the computation is exact, since the expected expressions are rounded themselves.
    expectRelClose(studentDirection(t, w, v), 1, 0.5 * EPS); // ‖(1/√2, 1/√2)‖ = 1 − 2⁻⁵³ [0.5]
    expectRelClose(networkOutput(batch, 0, v, a), SQRT2, EPS); // [0]
    const f = studentOutputs(t, batch, w, a);
    expect(f).toHaveLength(1);
    expectRelClose(f[0], SQRT2, EPS); // [0]
    expectRelClose(teacherOutputs(t, batch)[0], 1, EPS); // [0]
    const r = SQRT2 - 1;
    const ev = evaluateBatch(t, batch, w, a);
    expectRelClose(ev.loss, 0.5 * r * r, EPS); // [0]
    expectRelClose(ev.gradA[0], r * 2 * SQRT2, EPS); // [0]
    expect(ev.gradA[1]).toBe(0);
    expectRelClose(ev.gradW[0], -r / 2, 2 * EPS); // [1.21]
    expectRelClose(ev.gradW[1], r / 2, 2 * EPS); // [1.21]
  });

  it('should average per-sample losses and gradients into the batch loss and gradient', () => {
    const rng = new Rng(11);
    const { t, w, a } = randomProblem(rng, 4, 3);
    const batch = gaussianBatch(rng, 50, 3, 4);
    const ev = evaluateBatch(t, batch, w, a);
    const gW = new Float64Array(4);
    const gA = new Float64Array(3);
    const sumW = new Float64Array(4);
    const sumA = new Float64Array(3);
    let sumL = 0;
    const scratch = newSampleModelScratch(4, 3);
    for (let i = 0; i < batch.n; i++) {
      sumL += sampleLossAndGradient(t, batch, i, w, a, gW, gA, scratch);
      for (let c = 0; c < 4; c++) sumW[c] += gW[c];
      for (let j = 0; j < 3; j++) sumA[j] += gA[j];
    }
    // Same arithmetic up to summation order: agreement to 1e-13 normwise relative
    // (measured: loss 0, ∇_w 2.9e-16, ∇_a 0).
    expectRelClose(sumL / batch.n, ev.loss, 1e-13);
    const dW = sumW.map((x, c) => x / batch.n - ev.gradW[c]);
    const dA = sumA.map((x, j) => x / batch.n - ev.gradA[j]);
    expect(norm(dW) / norm(ev.gradW)).toBeLessThan(1e-13);
    expect(norm(dA) / norm(ev.gradA)).toBeLessThan(1e-13);
    expectRelClose(batchLoss(t, batch, w, a), ev.loss, 0);
  });

  it('should match central finite differences of the batch loss on the same batch', () => {
    // Central differences with step h = 1e-6 on 20 random problems (n = 32, p, k ≤ 6).
    // Error model: truncation O(h²·‖∇³L_B‖) ≈ 1e-12 plus rounding O(u·L_B/h) ≈ 1e-10·L_B, unless
    // a kink Z_jᵀv = 0 lies within the step (probability ~1e-6 per patch). Measured: worst
    // normwise relative error (‖fd − ∇‖ / (‖∇_w‖ + ‖∇_a‖)) 1.6e-9 over 200 such problems;
    // tolerance 1e-8.
    const h = 1e-6;
    let worst = 0;
    for (let trial = 0; trial < 20; trial++) {
      const rng = Rng.derived(2019, trial);
      const p = 1 + (trial % 6);
      const k = 1 + ((trial * 7) % 6);
      const { t, w, a } = randomProblem(rng, p, k);
      const batch = gaussianBatch(rng, 32, k, p);
      const gradW = new Float64Array(p);
      const gradA = new Float64Array(k);
      batchLossAndGradient(t, batch, w, a, gradW, gradA, newSampleModelScratch(p, k));
      const diff: number[] = [];
      for (let c = 0; c < p; c++) {
        const wp = w.slice();
        const wm = w.slice();
        wp[c] += h;
        wm[c] -= h;
        diff.push((batchLoss(t, batch, wp, a) - batchLoss(t, batch, wm, a)) / (wp[c] - wm[c]) - gradW[c]);
      }
      for (let j = 0; j < k; j++) {
        const ap = a.slice();
        const am = a.slice();
        ap[j] += h;
        am[j] -= h;
        diff.push((batchLoss(t, batch, w, ap) - batchLoss(t, batch, w, am)) / (ap[j] - am[j]) - gradA[j]);
      }
      const err = norm(Float64Array.from(diff)) / (norm(gradW) + norm(gradA));
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThan(1e-8);
  });

  it('should give a gradient in w orthogonal to e + w (the normalization is scale-invariant)', () => {
    const rng = new Rng(5);
    const { t, w, a } = randomProblem(rng, 6, 4);
    const batch = gaussianBatch(rng, 200, 4, 6);
    const ev = evaluateBatch(t, batch, w, a);
    let dot = 0;
    let nu = 0;
    for (let c = 0; c < 6; c++) {
      const u = t.e + w[c];
      dot += u * ev.gradW[c];
      nu += u * u;
    }
    expect(Math.abs(dot) / (Math.sqrt(nu) * norm(ev.gradW))).toBeLessThan(1e-14);
  });

  it('should use the convention σ\'(0) = 0 for a patch exactly on the kink', () => {
    // p = 2, w = 0: v = (1, 1)/√2 with equal components, so Z = (1, −1) has Zᵀv = 0 exactly.
    // The teacher (v* = (1, 0)) labels y = a*·σ(1) = 3, so the residual is −3 ≠ 0, yet the patch
    // is inactive: ∇_a = r·σ(0) = 0 and ∇_w = 0 (the right derivative would give −3·(1, −1)/2 ≠ 0).
    const t = makeTeacher(Float64Array.of(1 - 1 / SQRT2, -1 / SQRT2), Float64Array.of(3));
    const batch = batchOf(1, 1, 2, [1, -1]);
    const w = new Float64Array(2);
    const a = Float64Array.of(2);
    const v = new Float64Array(2);
    studentDirection(t, w, v);
    expect(v[0] * 1 + v[1] * -1).toBe(0);
    const ev = evaluateBatch(t, batch, w, a);
    expect(ev.loss).toBe(4.5);
    expect(Array.from(ev.gradA)).toEqual([0]);
    expect(Array.from(ev.gradW)).toEqual([0, 0]);
  });

  it('should give exactly zero loss and gradients at the teacher', () => {
    const rng = new Rng(3);
    const { t } = randomProblem(rng, 5, 4);
    const batch = gaussianBatch(rng, 100, 4, 5);
    const ev = evaluateBatch(t, batch, t.wStar, t.aStar);
    expect(ev.loss).toBe(0);
    expect(Array.from(ev.gradW)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(ev.gradA)).toEqual([0, 0, 0, 0]);
  });

  it('should reject wrong lengths, shapes and e + w = 0, naming the value and the shape', () => {
    const rng = new Rng(9);
    const { t, w, a } = randomProblem(rng, 3, 5);
    const batch = gaussianBatch(rng, 4, 5, 3);
    const gW = new Float64Array(3);
    const gA = new Float64Array(5);
    expect(() => batchLossAndGradient(t, batch, w, a.subarray(0, 4), gW, gA)).toThrow(
      new RangeError('a must have length k = 5 (got 4)'),
    );
    expect(() => batchLossAndGradient(t, batch, new Float64Array(2), a, gW, gA)).toThrow(
      new RangeError('w must have length p = 3 (got 2)'),
    );
    expect(() => batchLossAndGradient(t, batch, w, a, new Float64Array(4), gA)).toThrow(
      new RangeError('gradW must have length p = 3 (got 4)'),
    );
    expect(() => batchLossAndGradient(t, batch, w, a, gW, new Float64Array(1))).toThrow(
      new RangeError('gradA must have length k = 5 (got 1)'),
    );
    expect(() => batchLossAndGradient(t, gaussianBatch(rng, 4, 4, 3), w, a, gW, gA)).toThrow(
      new RangeError("batch.k must equal the teacher's k = 5 (got 4)"),
    );
    expect(() => batchLoss(t, gaussianBatch(rng, 4, 5, 2), w, a)).toThrow(
      new RangeError("batch.p must equal the teacher's p = 3 (got 2)"),
    );
    expect(() => batchLoss(t, batch, w, a, newSampleModelScratch(3, 4))).toThrow(
      new RangeError('scratch.act must have length k = 5 (got 4)'),
    );
    expect(() => sampleLossAndGradient(t, batch, 4, w, a, gW, gA)).toThrow(
      new RangeError('sample index i must be an integer in [0, n) = [0, 4) (got 4)'),
    );
    expect(() => batchLoss(t, batch, Float64Array.of(0, Number.NaN, 0), a)).toThrow(
      new RangeError('w[1] must be finite (got NaN)'),
    );
    // e + w = 0: with p = 4, e = (½, ½, ½, ½) exactly, so w = −e is representable.
    const t4 = makeTeacher(new Float64Array(4), Float64Array.of(1, 1));
    const b4 = gaussianBatch(rng, 3, 2, 4);
    const minusE = new Float64Array(4).fill(-0.5);
    expect(() => batchLossAndGradient(t4, b4, minusE, Float64Array.of(1, 2), new Float64Array(4), new Float64Array(2))).toThrow(
      new RangeError('e + w must be non-zero (got ‖e + w‖ = 0)'),
    );
    expect(() => batchLoss(t4, b4, minusE, Float64Array.of(1, 2))).toThrow(RangeError);
    expect(() => studentOutputs(t4, b4, minusE, Float64Array.of(1, 2))).toThrow(RangeError);
  });

  it('should be deterministic: the same seed gives the same batch, loss and gradient', () => {
    const run = (): number[] => {
      const rng = new Rng(123);
      const { t, w, a } = randomProblem(rng, 3, 2);
      const ev = evaluateBatch(t, gaussianBatch(rng, 64, 2, 3), w, a);
      return [ev.loss, ...ev.gradW, ...ev.gradA];
    };
    expect(run()).toEqual(run());
  });
});
