/**
 * The constructions by angle of src/theory/geometry.ts, checked against their definitions:
 * - orthogonalUnit(x, n) is the unit vector along x − (xᵀn)n: checked on hand-built x = αn + βq with
 *   q ⟂ n exactly (disjoint supports or ±1/2 patterns), for unit norm and qᵀn = 0 on random draws,
 *   for invariance under scaling x by 1e-100 … 1e100, and for `null` when x is parallel to n up to
 *   rounding (x = c·n formed in double), x = 0, or the dimension is 1;
 * - someOrthogonalUnit falls back to the coordinate axes when x is parallel to n (including n on an
 *   axis, where the first axis fails), deterministically, and returns null only in dimension 1;
 * - atAngle(n, q, φ, r) has norm r and angle φ from n (components r cos φ on n, r sin φ on q), and in
 *   dimension 1 (q null) is r·n for φ < π/2 and −r·n otherwise, fl(π/2) included.
 * Tolerances are in units of ε = 2⁻⁵² and were measured with the seeds used here.
 */
import { describe, expect, it } from 'vitest';
import { atAngle, orthogonalUnit, someOrthogonalUnit } from '../../src/theory/geometry.ts';
import { Rng } from '../../src/random/rng.ts';

const EPS = 2 ** -52;

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

function norm(x: ArrayLike<number>): number {
  return Math.hypot(...Array.from(x));
}

function randomUnit(rng: Rng, p: number): Float64Array {
  const x = rng.fillNormal(new Float64Array(p));
  const s = norm(x);
  return x.map((v) => v / s);
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/** Pairs (n, q) of unit vectors with nᵀq = 0 exactly (disjoint supports, or ±1/2 patterns). */
const PAIRS: [Float64Array, Float64Array][] = [
  [Float64Array.of(0.6, 0.8, 0, 0), Float64Array.of(0, 0, 0.6, -0.8)],
  [Float64Array.of(0.5, 0.5, 0.5, 0.5), Float64Array.of(0.5, -0.5, 0.5, -0.5)],
  [Float64Array.of(1, 0), Float64Array.of(0, -1)],
  [Float64Array.of(0, 0, 1), Float64Array.of(0.8, -0.6, 0)],
];

describe('orthogonalUnit: the unit vector along x − (xᵀn)n', () => {
  it('should give (0.8, −0.6) for n = (0.6, 0.8), x = (1, 0) (hand-computed: x − 0.6n = (0.64, −0.48), norm 0.8)', () => {
    const q = orthogonalUnit(Float64Array.of(1, 0), Float64Array.of(0.6, 0.8));
    expect(q).not.toBeNull();
    // Measured 1.1e-16 = ε/2 (half an ulp of 0.8, from the rounded 0.6 and 0.8); tolerance ε.
    expect(maxAbsDiff(q!, [0.8, -0.6])).toBeLessThanOrEqual(EPS);
  });

  it('should return sign(β)·q for x = αn + βq with q ⟂ n a unit vector', () => {
    for (const [n, q] of PAIRS) {
      for (const alpha of [0, 1, -3, 1e3]) {
        for (const beta of [1, -0.5, 1e-2, 7]) {
          const x = Float64Array.from(n, (ni, i) => alpha * ni + beta * q[i]);
          const got = orthogonalUnit(x, n);
          expect(got, `α = ${alpha}, β = ${beta}`).not.toBeNull();
          const expected = q.map((qi) => Math.sign(beta) * qi);
          // The rounding of x (of order ε|α|) is divided by |β|: measured at most
          // 0.5ε·(1 + |α|/|β|) over these 64 cases (1.1e-16 absolute); tolerance 2ε·(1 + |α|/|β|).
          expect(maxAbsDiff(got!, expected), `α = ${alpha}, β = ${beta}`).toBeLessThanOrEqual(2 * EPS * (1 + Math.abs(alpha / beta)));
        }
      }
    }
  });

  it('should return a unit vector orthogonal to n, on the side of x (random n, x, p = 2 … 8)', () => {
    const rng = new Rng(2024);
    for (let trial = 0; trial < 500; trial++) {
      const p = 2 + (trial % 7);
      const n = randomUnit(rng, p);
      const x = rng.fillNormal(new Float64Array(p));
      const q = orthogonalUnit(x, n);
      expect(q, `trial ${trial}`).not.toBeNull();
      // sin θ = xᵀq/‖x‖, θ = ∠(x, n): rounding errors of the projection grow like ε / sin θ.
      const sinTheta = dot(x, q!) / norm(x);
      expect(sinTheta, `trial ${trial}`).toBeGreaterThan(0);
      // Measured over 3 000 draws: |‖q‖ − 1| ≤ 1.5ε, |qᵀn|·sin θ ≤ 2.2ε; tolerances 2ε and 4ε.
      expect(Math.abs(norm(q!) - 1), `trial ${trial}`).toBeLessThanOrEqual(2 * EPS);
      expect(Math.abs(dot(q!, n)) * sinTheta, `trial ${trial}`).toBeLessThanOrEqual(4 * EPS);
    }
  });

  it('should not depend on the scale of x (x scaled by 1e-100, 1e-4, 1e6, 1e100)', () => {
    const rng = new Rng(77);
    for (let trial = 0; trial < 300; trial++) {
      const p = 2 + (trial % 7);
      const n = randomUnit(rng, p);
      const x = rng.fillNormal(new Float64Array(p));
      const q = orthogonalUnit(x, n)!;
      const sinTheta = dot(x, q) / norm(x);
      for (const c of [1e-100, 1e-4, 1e6, 1e100]) {
        const qc = orthogonalUnit(x.map((v) => v * c), n);
        expect(qc, `trial ${trial}, scale ${c}`).not.toBeNull();
        // Measured over 3 000 draws × 4 scales: max |q_c − q|·sin θ = 1.7ε; tolerance 4ε.
        expect(maxAbsDiff(qc!, q) * sinTheta, `trial ${trial}, scale ${c}`).toBeLessThanOrEqual(4 * EPS);
      }
    }
  });

  it('should return null when x is parallel to n up to rounding (x = c·n formed in double, any scale)', () => {
    // x_i = fl(c·n_i) leaves a residual x − (xᵀn)n of the order of ε‖x‖ (non-zero in about 60% of
    // these draws): no direction orthogonal to n is defined by x.
    const rng = new Rng(5);
    for (let trial = 0; trial < 300; trial++) {
      const p = 2 + (trial % 7);
      const n = randomUnit(rng, p);
      for (const c of [1, -2.5, 3, 1e-100, 1e6, 1e100]) {
        expect(orthogonalUnit(n.map((v) => v * c), n), `trial ${trial}, c = ${c}`).toBeNull();
      }
    }
  });

  it('should return null for x = 0 and in dimension 1', () => {
    expect(orthogonalUnit(new Float64Array(3), Float64Array.of(0, 1, 0))).toBeNull();
    expect(orthogonalUnit(Float64Array.of(0.3), Float64Array.of(1))).toBeNull();
    expect(orthogonalUnit(Float64Array.of(-4), Float64Array.of(-1))).toBeNull();
  });
});

describe('someOrthogonalUnit: from x when possible, else from the axes', () => {
  it('should agree with orthogonalUnit when x is not parallel to n', () => {
    const rng = new Rng(9);
    for (let trial = 0; trial < 50; trial++) {
      const p = 2 + (trial % 5);
      const n = randomUnit(rng, p);
      const x = rng.fillNormal(new Float64Array(p));
      expect(Array.from(someOrthogonalUnit(x, n)!)).toEqual(Array.from(orthogonalUnit(x, n)!));
    }
  });

  it('should return a unit vector orthogonal to n when x is parallel to n, the same on every call', () => {
    const rng = new Rng(10);
    const cases: Float64Array[] = [
      Float64Array.of(1, 0, 0), // n on the first axis: that axis gives no direction, the second does
      Float64Array.of(0, -1),
      Float64Array.of(0, 0, 0, 1),
      Float64Array.of(0.6, 0.8),
    ];
    for (let i = 0; i < 30; i++) cases.push(randomUnit(rng, 2 + (i % 6)));
    for (const n of cases) {
      for (const x of [n, n.map((v) => -2 * v), new Float64Array(n.length)]) {
        const q = someOrthogonalUnit(x, n);
        expect(q, `n = ${n}`).not.toBeNull();
        // Measured over 2 000 random n: |‖q‖ − 1| ≤ 1.5ε, |qᵀn| ≤ 2.0e-14 (an axis nearly
        // parallel to n is never the one used: the first with a usable residual is); tolerances
        // 2ε and 1e-12, far below any non-orthogonal answer (an axis has |e_iᵀn| ≥ 1/√p for some i).
        expect(Math.abs(norm(q!) - 1), `n = ${n}`).toBeLessThanOrEqual(2 * EPS);
        expect(Math.abs(dot(q!, n)), `n = ${n}`).toBeLessThanOrEqual(1e-12);
        expect(Array.from(someOrthogonalUnit(x, n)!), 'deterministic').toEqual(Array.from(q!));
      }
    }
  });

  it('should return null in dimension 1 (no direction is orthogonal to n)', () => {
    expect(someOrthogonalUnit(Float64Array.of(2), Float64Array.of(1))).toBeNull();
    expect(someOrthogonalUnit(Float64Array.of(0), Float64Array.of(-1))).toBeNull();
  });
});

describe('atAngle: r·(cos φ·n + sin φ·q)', () => {
  it('should have norm r and angle φ from n, with components r cos φ on n and r sin φ on q', () => {
    const rng = new Rng(31);
    const phis = [0, 1e-8, 0.25, 1, Math.PI / 2, 2, Math.PI - 1e-8, Math.PI];
    for (const [n, q] of PAIRS) {
      for (const r of [1, 2.5, 1e-3]) {
        for (const phi of [...phis, Math.PI * rng.uniform()]) {
          const v = atAngle(n, q, phi, r);
          expect(v.length).toBe(n.length);
          // Measured over these pairs, r and 10 angles: |‖v‖ − r| ≤ ε·r, |vᵀn − r cos φ| and
          // |vᵀq − r sin φ| ≤ 0.8ε·r, |atan2(vᵀq, vᵀn) − φ| ≤ 0.3ε·(1 + φ); tolerances 2ε·r, 2ε·r
          // and ε·(1 + φ).
          expect(Math.abs(norm(v) - r), `φ = ${phi}, r = ${r}`).toBeLessThanOrEqual(2 * EPS * r);
          expect(Math.abs(dot(v, n) - r * Math.cos(phi)), `φ = ${phi}, r = ${r}`).toBeLessThanOrEqual(2 * EPS * r);
          expect(Math.abs(dot(v, q) - r * Math.sin(phi)), `φ = ${phi}, r = ${r}`).toBeLessThanOrEqual(2 * EPS * r);
          expect(Math.abs(Math.atan2(dot(v, q), dot(v, n)) - phi), `φ = ${phi}, r = ${r}`).toBeLessThanOrEqual(EPS * (1 + phi));
        }
      }
    }
  });

  it('should give r·n for φ < π/2 and −r·n from fl(π/2) on in dimension 1 (q null)', () => {
    for (const n of [Float64Array.of(1), Float64Array.of(-1)]) {
      for (const r of [1, 2.5, 0.3]) {
        for (const phi of [0, 0.5, 1.5]) expect(Array.from(atAngle(n, null, phi, r)), `φ = ${phi}`).toEqual([r * n[0]]);
        for (const phi of [Math.PI / 2, 1.6, 3, Math.PI]) expect(Array.from(atAngle(n, null, phi, r)), `φ = ${phi}`).toEqual([-r * n[0]]);
      }
    }
  });
});
