/**
 * The initializations of src/model/deep-residual-init.ts against its module comment:
 * - planted teacher: w* = s·ξ/√p, a* ~ N(0, I_k), U*_l entries N(0, τ²/(m·L)), V*_l entries N(0, 2/p);
 * - student: w_0 = 0, a_0 ~ N(0, I/k), U_l = 0, V_l entries N(0, 2/p).
 * Every block is checked entry by entry (exact zeros where the comment says 0) and by its mean
 * square against the stated variance (a χ² check with a fixed seed and a stated confidence).
 */
import { describe, expect, it } from 'vitest';
import { deepResidualLayout, type DeepResidualLayout } from '../../src/model/deep-residual.ts';
import { plantedDeepTeacher, zeroBlockStudent } from '../../src/model/deep-residual-init.ts';
import { Rng } from '../../src/random/rng.ts';

/**
 * The mean square of n independent N(0, σ²) entries, divided by σ², is χ²_n/n: mean 1, standard
 * deviation √(2/n). Accept within 6 standard deviations (two-sided false-alarm probability below
 * 1e-8 per check by the normal approximation, which at n ≥ 256 is conservative here; the seed is
 * fixed, so the check is deterministic). Every mutated scale tested here changes σ² by a factor ≥ 2
 * (e.g. 1/√p ↔ √p, m·L ↔ m/L), far outside 1 ± 6√(2/n) ≤ 1 ± 0.53 at n ≥ 256. Measured: the largest
 * deviation over the checks of this file is 1.6 standard deviations.
 */
function expectVariance(x: Float64Array, variance: number, label: string): void {
  let sq = 0;
  for (const v of x) {
    expect(Number.isFinite(v), label).toBe(true);
    sq += v * v;
  }
  const ratio = sq / x.length / variance;
  expect(Math.abs(ratio - 1), `${label}: mean square / σ² = ${ratio} over ${x.length} entries`).toBeLessThanOrEqual(6 * Math.sqrt(2 / x.length));
}

/** p, k, m, L all different, so that a swapped dimension changes a variance; every block ≥ 256 entries. */
const SHAPE = { p: 256, k: 512, width: 3, depth: 5 } as const;

function block(theta: Float64Array, offset: number, count: number): Float64Array {
  return theta.subarray(offset, offset + count);
}

// Every draw happens inside a test (not while the file is collected), so that a mutant of the
// module under test is active when it runs (Stryker activates mutants per test).
describe('plantedDeepTeacher', () => {
  const layout: DeepResidualLayout = deepResidualLayout(SHAPE);
  const { p, k, width: m, depth: L } = layout;
  const scales = { wScale: 0.7, branchScale: 0.3 };
  const draw = (): Float64Array => plantedDeepTeacher(new Rng(2019), layout, scales);

  it('should give θ* the layout size and w* = s·ξ/√p, a* ~ N(0, I_k)', () => {
    const theta = draw();
    expect(theta).toHaveLength(layout.size);
    expectVariance(block(theta, layout.w, p), scales.wScale ** 2 / p, 'w*');
    expectVariance(block(theta, layout.a, k), 1, 'a*');
  });

  it('should give U*_l entries N(0, τ²/(mL)) and V*_l entries N(0, 2/p) in every block', () => {
    const theta = draw();
    const us: number[] = [];
    for (const [l, b] of layout.blocks.entries()) {
      // One block has p·m = 768 entries of each matrix.
      expectVariance(block(theta, b.u, p * m), scales.branchScale ** 2 / (m * L), `U*_${l}`);
      expectVariance(block(theta, b.v, m * p), 2 / p, `V*_${l}`);
      us.push(...block(theta, b.u, p * m));
    }
    // The whole stack: Σ_l ‖U*_l‖_F² ≈ p·τ² (each branch τ/√L of it).
    expectVariance(Float64Array.from(us), scales.branchScale ** 2 / (m * L), 'U* (all blocks)');
  });

  it('should fill every parameter: no entry is left at 0', () => {
    // Each entry is a continuous draw, so an exact 0 means an entry was skipped.
    const theta = draw();
    expect(theta.every((x) => x !== 0)).toBe(true);
  });

  it('should scale w* linearly in s and the branches linearly in τ (same seed, same ξ)', () => {
    const theta = draw();
    const doubled = plantedDeepTeacher(new Rng(2019), layout, { wScale: 1.4, branchScale: 0.6 });
    for (let c = 0; c < p; c++) expect(doubled[layout.w + c]).toBe(2 * theta[layout.w + c]);
    for (const b of layout.blocks) {
      for (let x = b.u; x < b.u + p * m; x++) expect(doubled[x]).toBe(2 * theta[x]);
      for (let x = b.v; x < b.v + m * p; x++) expect(doubled[x]).toBe(theta[x]);
    }
  });

  it('should draw only w* and a* at depth 0', () => {
    const shallow = deepResidualLayout({ p: 256, k: 512, width: 3, depth: 0 });
    const t0 = plantedDeepTeacher(new Rng(2019), shallow, scales);
    expect(t0).toHaveLength(p + k);
    expectVariance(block(t0, shallow.a, k), 1, 'a* (depth 0)');
  });
});

describe('zeroBlockStudent', () => {
  const layout = deepResidualLayout(SHAPE);
  const { p, k, width: m } = layout;
  const draw = (): Float64Array => zeroBlockStudent(new Rng(7), layout);

  it('should start at w_0 = 0 and U_l = 0 exactly', () => {
    const theta = draw();
    expect(theta).toHaveLength(layout.size);
    expect(block(theta, layout.w, p).every((x) => x === 0)).toBe(true);
    for (const b of layout.blocks) expect(block(theta, b.u, p * m).every((x) => x === 0)).toBe(true);
  });

  it('should draw a_0 ~ N(0, I/k) and V_l entries N(0, 2/p), none left at 0', () => {
    const theta = draw();
    const a = block(theta, layout.a, k);
    expectVariance(a, 1 / k, 'a_0');
    expect(a.every((x) => x !== 0)).toBe(true);
    for (const [l, b] of layout.blocks.entries()) {
      const v = block(theta, b.v, m * p);
      expectVariance(v, 2 / p, `V_${l}`);
      expect(v.every((x) => x !== 0)).toBe(true);
    }
  });
});
