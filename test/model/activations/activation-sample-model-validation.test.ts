/**
 * Argument checks and hand-computed values of src/model/activations/activation-sample-model.ts:
 * every checked argument gives a RangeError naming the value and the expected shape; one sample
 * worked by hand with tanh (the formulas of the module comment); the per-sample form is the batch
 * form with n = 1.
 */
import { describe, expect, it } from 'vitest';
import {
  activationBatchLossAndGradient,
  activationSampleLossAndGradient,
  newActivationScratch,
} from '../../../src/model/activations/activation-sample-model.ts';
import { leakyRelu } from '../../../src/model/activations/leaky-relu.ts';
import { tanh } from '../../../src/model/activations/tanh.ts';
import { gaussianBatch, type GaussianBatch } from '../../../src/model/gaussian-batch.ts';
import { makeTeacher } from '../../../src/model/teacher.ts';
import { Rng } from '../../../src/random/rng.ts';

const SQRT2 = Math.SQRT2;

describe('activation-sample-model: argument checks', () => {
  const rng = new Rng(35);
  const t = makeTeacher(rng.fillNormal(new Float64Array(3)).map((x) => 0.5 * x), rng.fillNormal(new Float64Array(2)));
  const batch = gaussianBatch(rng, 4, 2, 3);
  const w = rng.fillNormal(new Float64Array(3));
  const a = rng.fillNormal(new Float64Array(2));
  const gW = new Float64Array(3);
  const gA = new Float64Array(2);
  const call = (overrides: Partial<{ batch: GaussianBatch; w: Float64Array; a: Float64Array; gW: Float64Array; gA: Float64Array; scratch: ReturnType<typeof newActivationScratch> }>) => () =>
    activationBatchLossAndGradient(tanh, t, overrides.batch ?? batch, overrides.w ?? w, overrides.a ?? a, overrides.gW ?? gW, overrides.gA ?? gA, overrides.scratch ?? newActivationScratch(3, 2));

  it('should name the batch, the weights and the gradients of the wrong shape', () => {
    expect(call({ batch: gaussianBatch(new Rng(1), 4, 2, 4) })).toThrow(new RangeError("batch.p must equal the teacher's p = 3 (got 4)"));
    expect(call({ batch: { ...batch, z: new Float64Array(3) } })).toThrow(new RangeError('batch.z must have length n·k·p = 4·2·3 = 24 (got 3)'));
    expect(call({ a: new Float64Array(3) })).toThrow(new RangeError('a must have length k = 2 (got 3)'));
    expect(call({ gW: new Float64Array(2) })).toThrow(new RangeError('gradW must have length p = 3 (got 2)'));
    expect(call({ gA: new Float64Array(1) })).toThrow(new RangeError('gradA must have length k = 2 (got 1)'));
    expect(call({ w: Float64Array.of(0, Number.NaN, 0) })).toThrow(new RangeError('w[1] must be finite (got NaN)'));
    expect(call({ a: Float64Array.of(1, -Infinity) })).toThrow(new RangeError('a[1] must be finite (got -Infinity)'));
    expect(call({})).not.toThrow();
  });

  it('should name each scratch buffer of the wrong length', () => {
    const good = newActivationScratch(3, 2);
    expect(call({ scratch: { ...good, v: new Float64Array(2) } })).toThrow(new RangeError('scratch.v must have length p = 3 (got 2)'));
    expect(call({ scratch: { ...good, act: new Float64Array(3) } })).toThrow(new RangeError('scratch.act must have length k = 2 (got 3)'));
    expect(call({ scratch: { ...good, slope: new Float64Array(1) } })).toThrow(new RangeError('scratch.slope must have length k = 2 (got 1)'));
  });

  it('should reject a sample index outside [0, n) or not an integer', () => {
    for (const i of [-1, 0.5, 4, Number.NaN]) {
      expect(() => activationSampleLossAndGradient(tanh, t, batch, i, w, a, gW, gA)).toThrow(
        new RangeError(`sample index i must be an integer in [0, n) = [0, 4) (got ${i})`),
      );
    }
    expect(() => activationSampleLossAndGradient(tanh, t, batch, 3, w, a, gW, gA)).not.toThrow();
  });

  it('should reject e + w = 0 (p = 4, w = −e)', () => {
    const t4 = makeTeacher(new Float64Array(4), Float64Array.of(1));
    const b4 = gaussianBatch(new Rng(2), 2, 1, 4);
    expect(() =>
      activationBatchLossAndGradient(tanh, t4, b4, new Float64Array(4).fill(-0.5), Float64Array.of(1), new Float64Array(4), new Float64Array(1)),
    ).toThrow(new RangeError('e + w must be non-zero (got ‖e + w‖ = 0)'));
  });
});

describe('activation-sample-model: a sample worked by hand', () => {
  /**
   * p = k = 2, w = 0: v = (1, 1)/√2, ‖e + w‖ = 1; e + w* = (1, 0) = v*; a = (½, −1), a* = (1, 2);
   * Z_1 = (1, 3), Z_2 = (−2, 1) (as test/model/sample-model.test.ts). With σ = tanh:
   *   s = (2√2, −1/√2), s* = (1, −2);
   *   f = ½ tanh(2√2) − tanh(−1/√2),  y = tanh 1 + 2 tanh(−2),  r = f − y;
   *   ∇_a = r·(tanh s_1, tanh s_2);
   *   G = r·Σ_j a_j σ'(s_j) Z_j,  ∇_w = G − v(vᵀG)  (n = 1, ‖e + w‖ = 1).
   */
  it('should give the loss and gradients of the module comment', () => {
    const t = makeTeacher(Float64Array.of(1 - 1 / SQRT2, -1 / SQRT2), Float64Array.of(1, 2));
    const batch: GaussianBatch = { n: 1, k: 2, p: 2, z: Float64Array.of(1, 3, -2, 1) };
    const w = new Float64Array(2);
    const a = Float64Array.of(0.5, -1);
    const s = [2 * SQRT2, -1 / SQRT2];
    const f = 0.5 * Math.tanh(s[0]) - Math.tanh(s[1]);
    const y = Math.tanh(1) + 2 * Math.tanh(-2);
    const r = f - y;
    const d = s.map((x) => 1 - Math.tanh(x) ** 2);
    const G = [r * (0.5 * d[0] * 1 + -1 * d[1] * -2), r * (0.5 * d[0] * 3 + -1 * d[1] * 1)];
    const vG = (G[0] + G[1]) / SQRT2;
    const expectedW = [G[0] - vG / SQRT2, G[1] - vG / SQRT2];
    const gradW = new Float64Array(2);
    const gradA = new Float64Array(2);
    const loss = activationSampleLossAndGradient(tanh, t, batch, 0, w, a, gradW, gradA);
    // Same formulas, operations regrouped: measured loss 0, ∇_a 0, ∇_w ≤ 1.33 ulps of the
    // gradient's norm; tolerance 8 ulps.
    const tol = 8 * 2 ** -52;
    expect(Math.abs(loss - 0.5 * r * r)).toBeLessThanOrEqual(tol * 0.5 * r * r);
    for (let j = 0; j < 2; j++) expect(Math.abs(gradA[j] - r * Math.tanh(s[j]))).toBeLessThanOrEqual(tol * Math.abs(r));
    const scale = Math.hypot(...expectedW);
    for (let c = 0; c < 2; c++) expect(Math.abs(gradW[c] - expectedW[c])).toBeLessThanOrEqual(tol * scale);
    // The batch form with n = 1 is the same computation.
    const bW = new Float64Array(2);
    const bA = new Float64Array(2);
    expect(activationBatchLossAndGradient(tanh, t, batch, w, a, bW, bA)).toBe(loss);
    expect(Array.from(bW)).toEqual(Array.from(gradW));
    expect(Array.from(bA)).toEqual(Array.from(gradA));
  });

  it('should give zero loss and gradients at the teacher, and σ\'(0) = λ of leaky ReLU at a kink', () => {
    // Z = (1, −1) with v = (1, 1)/√2 lies on the kink s = 0 exactly; σ'(0) = λ = 0.5 for leaky ReLU,
    // so the patch backpropagates r·a·λ·(I − vvᵀ)Z = r·a·λ·Z (Z ⟂ v). y = a*·σ(1) = 3, f = 2·σ(0) = 0.
    const t = makeTeacher(Float64Array.of(1 - 1 / SQRT2, -1 / SQRT2), Float64Array.of(3));
    const batch: GaussianBatch = { n: 1, k: 1, p: 2, z: Float64Array.of(1, -1) };
    const gradW = new Float64Array(2);
    const gradA = new Float64Array(1);
    const loss = activationBatchLossAndGradient(leakyRelu(0.5), t, batch, new Float64Array(2), Float64Array.of(2), gradW, gradA);
    expect(loss).toBe(4.5);
    expect(Array.from(gradA)).toEqual([0]);
    // r·a·λ·Z = (−3)·2·0.5·(1, −1); the projection's rounding: measured 1 ulp of 3; tolerance 4 ulps.
    expect(Math.abs(gradW[0] + 3)).toBeLessThanOrEqual(4 * 2 ** -52 * 3);
    expect(Math.abs(gradW[1] - 3)).toBeLessThanOrEqual(4 * 2 ** -52 * 3);
    const big = gaussianBatch(new Rng(3), 50, 1, 2);
    expect(activationBatchLossAndGradient(tanh, t, big, t.wStar, t.aStar, gradW, gradA)).toBe(0);
    expect(Array.from(gradW)).toEqual([0, 0]);
    expect(Array.from(gradA)).toEqual([0]);
  });
});
