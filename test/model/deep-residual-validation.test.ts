/**
 * src/model/deep-residual.ts against its module comment, beyond the finite-difference checks of
 * test/model/deep-residual.test.ts: the parameter layout [w | a | U_0 | V_0 | U_1 | V_1 | …], the
 * convention σ'(0) = 0 at the head's kink s_j = 0, the loss at the teacher, and the argument checks
 * (errors name the value and the shape).
 */
import { describe, expect, it } from 'vitest';
import { deepResidualLayout, deepResidualLossAndGradient, deepResidualOutputs, newDeepResidualScratch } from '../../src/model/deep-residual.ts';
import { plantedDeepTeacher } from '../../src/model/deep-residual-init.ts';
import { gaussianBatch, type GaussianBatch } from '../../src/model/gaussian-batch.ts';
import { Rng } from '../../src/random/rng.ts';

describe('deepResidualLayout', () => {
  it('should lay θ out as [w (p) | a (k) | U_0 (p×m) | V_0 (m×p) | U_1 | V_1 | …]', () => {
    const layout = deepResidualLayout({ p: 2, k: 3, width: 4, depth: 2 });
    expect(layout.size).toBe(2 + 3 + 2 * 2 * 2 * 4);
    expect(layout.w).toBe(0);
    expect(layout.a).toBe(2);
    expect(layout.blocks).toEqual([
      { u: 5, v: 13 },
      { u: 21, v: 29 },
    ]);
    expect(deepResidualLayout({ p: 2, k: 3, width: 4, depth: 0 })).toMatchObject({ size: 5, blocks: [] });
  });

  it('should reject each count that is not an integer of its range, naming it', () => {
    expect(() => deepResidualLayout({ p: 1, k: 0, width: 1, depth: 0 })).toThrow(new RangeError('k must be an integer ≥ 1 (got 0)'));
    expect(() => deepResidualLayout({ p: 1, k: 1, width: 0, depth: 0 })).toThrow(new RangeError('width must be an integer ≥ 1 (got 0)'));
    expect(() => deepResidualLayout({ p: 1.5, k: 1, width: 1, depth: 0 })).toThrow(new RangeError('p must be an integer ≥ 1 (got 1.5)'));
    expect(() => deepResidualLayout({ p: 1, k: 1, width: 1, depth: Number.NaN })).toThrow(new RangeError('depth must be an integer ≥ 0 (got NaN)'));
    expect(() => deepResidualLayout({ p: 1, k: 1, width: 1, depth: 0 })).not.toThrow();
  });
});

describe('deepResidualLossAndGradient: argument checks', () => {
  const layout = deepResidualLayout({ p: 4, k: 2, width: 2, depth: 1 });
  const batch = gaussianBatch(new Rng(1), 3, 2, 4);
  const theta = plantedDeepTeacher(new Rng(2), layout, { wScale: 0.5, branchScale: 0.5 });
  const labels = new Float64Array(3);

  it('should name θ, the gradient, the labels, the output and the batch of the wrong shape', () => {
    const grad = new Float64Array(layout.size);
    expect(() => deepResidualLossAndGradient(layout, new Float64Array(layout.size + 1), batch, labels, grad)).toThrow(
      new RangeError(`theta must have length size = ${layout.size} (got ${layout.size + 1})`),
    );
    expect(() => deepResidualLossAndGradient(layout, theta, batch, labels, new Float64Array(3))).toThrow(
      new RangeError(`grad must have length size = ${layout.size} (got 3)`),
    );
    expect(() => deepResidualLossAndGradient(layout, theta, batch, new Float64Array(2), grad)).toThrow(new RangeError('labels must have length n = 3 (got 2)'));
    expect(() => deepResidualLossAndGradient(layout, theta, gaussianBatch(new Rng(1), 3, 2, 5), labels, grad)).toThrow(
      new RangeError('batch.p must equal p = 4 (got 5)'),
    );
    expect(() => deepResidualLossAndGradient(layout, theta, { ...batch, z: new Float64Array(1) }, labels, grad)).toThrow(RangeError);
    expect(() => deepResidualOutputs(layout, theta, batch, new Float64Array(4))).toThrow(new RangeError('out must have length n = 3 (got 4)'));
    expect(() => deepResidualLossAndGradient(layout, theta, batch, labels, grad)).not.toThrow();
  });

  it('should reject e + w = 0 and a ‖e + w‖ that is not finite', () => {
    const grad = new Float64Array(layout.size);
    const zero = Float64Array.from(theta);
    zero.fill(-0.5, 0, 4); // p = 4: e = ½·1
    expect(() => deepResidualLossAndGradient(layout, zero, batch, labels, grad)).toThrow(new RangeError('e + w must be non-zero and finite (got ‖e + w‖ = 0)'));
    // ‖e + w‖ = 2·1e308 is not a double.
    const huge = Float64Array.from(theta);
    huge.fill(1e308, 0, 4);
    expect(() => deepResidualLossAndGradient(layout, huge, batch, labels, grad)).toThrow(new RangeError('e + w must be non-zero and finite (got ‖e + w‖ = Infinity)'));
    expect(() => deepResidualOutputs(layout, huge, batch)).toThrow(RangeError);
  });

  it('should accept a finite ‖e + w‖ whose square overflows: the head direction is a scaled norm', () => {
    // w = 1e200·1 (p = 4): ‖e + w‖ = 2e200, whose square is not a double; v = ½·1 exactly, the same
    // head direction as w = 0 (e = ½·1), and the outputs depend on w only through v.
    const big = Float64Array.from(theta);
    big.fill(1e200, 0, 4);
    const atZero = Float64Array.from(theta);
    atZero.fill(0, 0, 4);
    expect(Array.from(deepResidualOutputs(layout, big, batch))).toEqual(Array.from(deepResidualOutputs(layout, atZero, batch)));
  });
});

describe('deepResidualLossAndGradient: values', () => {
  it('should follow σ\'(0) = 0 at the head: a patch with s_j = vᵀx_L = 0 contributes nothing', () => {
    // L = 0, p = 2, w = 0: v = (1, 1)/√2 has equal components, so Z = (1, −1) gives s = 0 exactly.
    // The label 3 makes r = −3 ≠ 0, yet ∂/∂a = r·σ(0) = 0 and ∂/∂w = r·a·σ'(0)·… = 0.
    const layout = deepResidualLayout({ p: 2, k: 1, width: 1, depth: 0 });
    const batch: GaussianBatch = { n: 1, k: 1, p: 2, z: Float64Array.of(1, -1) };
    const theta = Float64Array.of(0, 0, 2);
    const grad = new Float64Array(layout.size).fill(Number.NaN);
    expect(deepResidualLossAndGradient(layout, theta, batch, Float64Array.of(3), grad)).toBe(4.5);
    expect(Array.from(grad)).toEqual([0, 0, 0]);
    // The same at depth 1 with U_0 = 0 (the block is the identity, x_1 = Z): no parameter moves.
    const deep = deepResidualLayout({ p: 2, k: 1, width: 1, depth: 1 });
    const thetaDeep = Float64Array.of(0, 0, 2, 0, 0, 1, 1);
    const gradDeep = new Float64Array(deep.size);
    expect(deepResidualLossAndGradient(deep, thetaDeep, batch, Float64Array.of(3), gradDeep)).toBe(4.5);
    expect(Array.from(gradDeep)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('should give zero loss and gradient at the teacher, reusing a caller’s scratch', () => {
    const layout = deepResidualLayout({ p: 3, k: 2, width: 3, depth: 2 });
    const rng = new Rng(9);
    const thetaStar = plantedDeepTeacher(rng, layout, { wScale: 0.5, branchScale: 0.5 });
    const batch = gaussianBatch(rng, 10, 2, 3);
    const scratch = newDeepResidualScratch(layout);
    const labels = deepResidualOutputs(layout, thetaStar, batch, new Float64Array(10), scratch);
    const grad = new Float64Array(layout.size).fill(1);
    expect(deepResidualLossAndGradient(layout, thetaStar, batch, labels, grad, scratch)).toBe(0);
    expect(grad.every((x) => x === 0)).toBe(true);
  });
});
