/**
 * The hypotheses' building blocks (src/claims/arbitraries.ts), checked on samples at fixed seeds
 * against their documented domains: finiteDouble in [min, max] shrinking towards min (also under
 * fast-check's bias towards extreme integers), logUniform in [min, max], the unit vectors, a teacher
 * at the prescribed shortcut angle with ‖e + w*‖ ∈ [0.5, 2] and ‖a*‖ in range, a ball point inside
 * the ball with its boundary and ±a* / ‖a*‖ drawn, and a student at the prescribed angle, norm and
 * sign of aᵀa*.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ballPointArb,
  finiteDouble,
  logUniform,
  normalized,
  rawVector,
  shortcutUnit,
  studentArb,
  teacherArb,
  type TeacherHypothesis,
} from '../../src/claims/arbitraries.ts';
import { angle, dot, norm } from '../independent/vectors.ts';

describe('finiteDouble', () => {
  it('should reject non-finite or reversed bounds', () => {
    expect(() => finiteDouble(NaN, 1)).toThrow(RangeError);
    expect(() => finiteDouble(0, Infinity)).toThrow('finiteDouble needs finite min ≤ max (got 0, Infinity)');
    expect(() => finiteDouble(-Infinity, 0)).toThrow(RangeError);
    expect(() => finiteDouble(2, 1)).toThrow('(got 2, 1)');
  });

  it('should draw in [min, max), uniformly away from the ends (not uniformly over the doubles)', () => {
    const xs = fc.sample(finiteDouble(-2, 3), { numRuns: 4000, seed: 1 });
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(3);
    }
    // fast-check's bias puts some of the integers at their ends (x within ~1e-6 of min or max);
    // the inner fifths of the interval hold equal shares.
    const shares = [1, 2, 3].map((i) => xs.filter((x) => x >= -2 + i && x < -1 + i).length / xs.length);
    for (const share of shares) {
      expect(share).toBeGreaterThan(0.13);
      expect(share).toBeLessThan(0.2);
    }
    expect(xs.filter((x) => x < -1.9).length).toBeGreaterThan(100);
    expect(xs.filter((x) => x > 2.9).length).toBeGreaterThan(100);
    // 53 random bits: the samples are (almost all) distinct and not on a coarse grid.
    expect(new Set(xs).size).toBeGreaterThan(3900);
    expect(xs.some((x) => !Number.isInteger(x * 2 ** 30))).toBe(true);
  });

  it('should stay in [min, max) under fast-check bias (extreme integers), reaching both ends', () => {
    let sawMin = false;
    let largest = -Infinity;
    fc.assert(
      fc.property(finiteDouble(0, 1), (x) => {
        if (x < 1e-6) sawMin = true;
        largest = Math.max(largest, x);
        return x >= 0 && x < 1;
      }),
      { numRuns: 2000, seed: 3 },
    );
    expect(sawMin).toBe(true);
    expect(largest).toBeGreaterThan(1 - 1e-6);
  });

  it('should reach its largest value (1 − 2⁻⁵³)·(max − min) + min, below max, when both random integers are at their maxima', () => {
    // Run 156 449 of seed 1 draws both integers at their maxima (fast-check's bias towards extremes).
    const seen: number[] = [];
    fc.assert(
      fc.property(finiteDouble(0, 1), (x) => {
        seen.push(x);
        return true;
      }),
      { seed: 1, path: '156449', numRuns: 1 },
    );
    expect(seen).toEqual([1 - 2 ** -53]);
  });

  it('should round its largest draw to max itself on some ranges (so the domain is [min, max])', () => {
    const seen: number[] = [];
    fc.assert(
      fc.property(finiteDouble(-0.3, 0.7), (x) => {
        seen.push(x);
        return true;
      }),
      { seed: 1, path: '156449', numRuns: 1 },
    );
    expect(seen).toEqual([0.7]);
  });

  it('should give min when min = max', () => {
    expect(fc.sample(finiteDouble(0.25, 0.25), { numRuns: 20, seed: 1 }).every((x) => x === 0.25)).toBe(true);
  });

  it('should shrink towards min', () => {
    const out = fc.check(
      fc.property(finiteDouble(2, 3), (x) => x < 2.5),
      { seed: 2, numRuns: 200 },
    );
    expect(out.failed).toBe(true);
    const x = (out.counterexample as [number])[0];
    expect(x).toBeGreaterThanOrEqual(2.5);
    expect(x).toBeLessThan(2.51);
  });
});

describe('logUniform', () => {
  it('should reject min ≤ 0 and max < min', () => {
    expect(() => logUniform(0, 1)).toThrow('logUniform needs 0 < min ≤ max (got 0, 1)');
    expect(() => logUniform(-1, 1)).toThrow(RangeError);
    expect(() => logUniform(2, 1)).toThrow(RangeError);
    expect(() => logUniform(NaN, 1)).toThrow(RangeError);
    expect(fc.sample(logUniform(3, 3), { numRuns: 5, seed: 1 }).every((x) => Math.abs(x - 3) < 1e-15)).toBe(true);
  });

  it('should draw log-uniformly in [min, max]', () => {
    const xs = fc.sample(logUniform(1e-3, 1e3), { numRuns: 3000, seed: 5 });
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-12));
      expect(x).toBeLessThanOrEqual(1e3);
    }
    // The inner decades about equally often (fast-check's bias adds to the end ones).
    for (let d = -2; d < 2; d++) {
      const share = xs.filter((x) => x >= 10 ** d && x < 10 ** (d + 1)).length / xs.length;
      expect(share).toBeGreaterThan(0.1);
      expect(share).toBeLessThan(0.2);
    }
    expect(xs.filter((x) => x < 1e-2).length).toBeGreaterThan(300);
    expect(xs.filter((x) => x > 1e2).length).toBeGreaterThan(300);
  });

  it('should never exceed max, also under fast-check bias', () => {
    fc.assert(
      fc.property(logUniform(0.1, 7), (x) => x <= 7 && x >= 0.1 * (1 - 1e-12)),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe('vectors', () => {
  it('rawVector should draw dim coordinates in [−1, 1], of both signs', () => {
    const vs = fc.sample(rawVector(5), { numRuns: 200, seed: 1 });
    for (const v of vs) {
      expect(v).toHaveLength(5);
      for (const x of v) {
        expect(x).toBeGreaterThanOrEqual(-1);
        expect(x).toBeLessThan(1);
      }
    }
    const all = vs.flat();
    expect(all.some((x) => x < -0.9)).toBe(true);
    expect(all.some((x) => x > 0.9)).toBe(true);
    expect(fc.sample(rawVector(0), { numRuns: 3, seed: 1 })).toEqual([[], [], []]);
  });

  it('normalized should scale to unit norm, and give the first axis for 0, NaN and norms ≤ 1e-150', () => {
    expect(normalized([3, 4])).toEqual([0.6, 0.8]);
    expect(normalized([0, -2])).toEqual([0, -1]);
    expect(normalized([0, 0, 0])).toEqual([1, 0, 0]);
    expect(normalized([0, 1e-150])).toEqual([1, 0]);
    expect(normalized([0, 2e-150])).toEqual([0, 1]);
    expect(normalized([0, NaN])).toEqual([1, 0]);
  });

  it('shortcutUnit should be 1_p/√p', () => {
    expect(Array.from(shortcutUnit(4))).toEqual([0.5, 0.5, 0.5, 0.5]);
    const e = shortcutUnit(3);
    expect(e).toBeInstanceOf(Float64Array);
    expect(Array.from(e)).toEqual([1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)]);
  });
});

/** φ_0 = ∠(e, e + w*) and ‖e + w*‖ of a teacher. */
function teacherGeometry(t: TeacherHypothesis): { phi0: number; rStar: number } {
  const e = 1 / Math.sqrt(t.p);
  const uStar = t.wStar.map((x) => x + e);
  return { phi0: angle(new Array(t.p).fill(e), uStar), rStar: norm(uStar) };
}

describe('teacherArb', () => {
  it('should put e + w* at the drawn angle φ_0 from e with ‖e + w*‖ ∈ [0.5, 2], and ‖a*‖ ∈ [0.1, 10] by default', () => {
    const ts = fc.sample(teacherArb({ pMax: 6, kMax: 5, phi0Max: Math.PI }), { numRuns: 400, seed: 2 });
    const ps = new Set<number>();
    const ks = new Set<number>();
    let smallA = Infinity;
    let largeA = 0;
    let smallPhi = Infinity;
    let largePhi = 0;
    for (const t of ts) {
      ps.add(t.p);
      ks.add(t.k);
      expect(t.wStar).toHaveLength(t.p);
      expect(t.aStar).toHaveLength(t.k);
      const g = teacherGeometry(t);
      expect(g.rStar).toBeGreaterThanOrEqual(0.5 - 1e-12);
      expect(g.rStar).toBeLessThanOrEqual(2 + 1e-12);
      expect(Math.abs(g.phi0 - t.phi0)).toBeLessThan(1e-6);
      expect(t.phi0).toBeGreaterThanOrEqual(0);
      expect(t.phi0).toBeLessThanOrEqual(Math.PI);
      if (t.p === 1) expect([0, Math.PI]).toContain(t.phi0);
      const aNorm = norm(t.aStar);
      expect(aNorm).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(aNorm).toBeLessThanOrEqual(10 + 1e-12);
      smallA = Math.min(smallA, aNorm);
      largeA = Math.max(largeA, aNorm);
      if (t.p > 1) {
        smallPhi = Math.min(smallPhi, t.phi0);
        largePhi = Math.max(largePhi, t.phi0);
      }
    }
    expect([...ps].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...ks].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(smallA).toBeLessThan(1);
    expect(largeA).toBeGreaterThan(9);
    expect(smallPhi).toBeLessThan(0.2);
    expect(largePhi).toBeGreaterThan(3);
    // p = 1: e + w* = ±r*, φ_0 is 0 or π as constructed, both drawn.
    const ones = ts.filter((t) => t.p === 1);
    expect(ones.some((t) => t.phi0 === 0)).toBe(true);
    expect(ones.some((t) => t.phi0 === Math.PI)).toBe(true);
  });

  it('should honour the optional bounds', () => {
    const ts = fc.sample(
      teacherArb({ pMin: 3, pMax: 4, kMin: 2, kMax: 3, phi0Min: 1, phi0Max: 1.5, aStarNormMin: 2, aStarNormMax: 3 }),
      { numRuns: 200, seed: 3 },
    );
    for (const t of ts) {
      expect(t.p === 3 || t.p === 4).toBe(true);
      expect(t.k === 2 || t.k === 3).toBe(true);
      expect(t.phi0).toBeGreaterThanOrEqual(1);
      expect(t.phi0).toBeLessThan(1.5);
      expect(Math.abs(teacherGeometry(t).phi0 - t.phi0)).toBeLessThan(1e-9);
      expect(norm(t.aStar)).toBeGreaterThanOrEqual(2 - 1e-12);
      expect(norm(t.aStar)).toBeLessThanOrEqual(3 + 1e-12);
    }
    expect(new Set(ts.map((t) => t.p)).size).toBe(2);
    expect(new Set(ts.map((t) => t.k)).size).toBe(2);
  });

  it('should build a p = 1 teacher at φ_0 = fl(π/2) as φ_0 = π (atAngle: only φ < π/2 points along e)', () => {
    const ts = fc.sample(teacherArb({ pMax: 1, kMax: 2, phi0Min: Math.PI / 2, phi0Max: Math.PI / 2 }), { numRuns: 10, seed: 1 });
    for (const t of ts) {
      expect(t.p).toBe(1);
      expect(t.phi0).toBe(Math.PI);
      expect(t.wStar[0] + 1).toBeLessThan(0);
    }
  });

  it('should survive a JSON round trip bit for bit', () => {
    const ts = fc.sample(teacherArb({ pMax: 4, kMax: 4, phi0Max: Math.PI }), { numRuns: 20, seed: 4 });
    expect(JSON.parse(JSON.stringify(ts))).toEqual(ts);
  });
});

describe('ballPointArb', () => {
  it('should draw a_0 in B(0, radius): inside, on the boundary, along −a* / ‖a*‖ and along a* / ‖a*‖', () => {
    const aStar = [3, -1, 2];
    const unit = normalized(aStar);
    const points = fc.sample(ballPointArb(aStar, 2), { numRuns: 400, seed: 6 });
    let boundary = 0;
    let inside = 0;
    let worst = 0;
    let best = 0;
    for (const a of points) {
      expect(a).toHaveLength(3);
      const n = norm(a);
      expect(n).toBeLessThanOrEqual(2 * (1 + 1e-12));
      if (Math.abs(n - 2) < 1e-12) boundary++;
      else inside++;
      const c = n === 0 ? 0 : dot(a, unit) / n;
      if (c < -1 + 1e-12) worst++;
      if (c > 1 - 1e-12) best++;
    }
    // ρ = 1 one time in three, the directions ±a* / ‖a*‖ one time in four each.
    expect(boundary).toBeGreaterThan(90);
    expect(boundary).toBeLessThan(180);
    expect(inside).toBeGreaterThan(200);
    expect(worst).toBeGreaterThan(60);
    expect(worst).toBeLessThan(140);
    expect(best).toBeGreaterThan(60);
    expect(best).toBeLessThan(140);
    const worstBoundary = points.find((a) => Math.abs(norm(a) - 2) < 1e-12 && dot(a, unit) < 0 && Math.abs(dot(a, unit) + 2) < 1e-12);
    expect(worstBoundary).toBeDefined();
    expect(worstBoundary?.map((x, j) => x + 2 * unit[j]).every((x) => Math.abs(x) < 1e-12)).toBe(true);
  });
});

describe('studentArb', () => {
  const teacher: TeacherHypothesis = { p: 3, k: 3, wStar: [0.2, -0.4, 0.1], aStar: [1, 2, -2], phi0: 0 };

  it('should put e + w at the drawn angle φ from v* with ‖e + w‖ ∈ [rMin, rMax], and aᵀa* of the requested sign', () => {
    for (const sign of [1, -1] as const) {
      const students = fc.sample(studentArb(teacher, { phiMin: 0.5, phiMax: 2.5, rMin: 0.1, rMax: 10, sign, aScale: 4 }), {
        numRuns: 200,
        seed: 7,
      });
      const e = 1 / Math.sqrt(3);
      const uStar = teacher.wStar.map((x) => x + e);
      const aHat = normalized(teacher.aStar);
      let smallR = Infinity;
      let largeR = 0;
      for (const s of students) {
        expect(s.w).toHaveLength(3);
        expect(s.a).toHaveLength(3);
        expect(s.phi).toBeGreaterThanOrEqual(0.5);
        expect(s.phi).toBeLessThan(2.5);
        const u = s.w.map((x) => x + e);
        expect(Math.abs(angle(u, uStar) - s.phi)).toBeLessThan(1e-9);
        const r = norm(u);
        expect(r).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
        expect(r).toBeLessThanOrEqual(10 * (1 + 1e-12));
        smallR = Math.min(smallR, r);
        largeR = Math.max(largeR, r);
        // a = 4·(sign·along·â* + ½·q), q ⟂ â* a unit vector, along ∈ [1e-3, 1].
        const along = dot(s.a, aHat) / 4;
        expect(Math.sign(along)).toBe(sign);
        expect(Math.abs(along)).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-9));
        expect(Math.abs(along)).toBeLessThanOrEqual(1 + 1e-9);
        const orth = s.a.map((x, j) => x / 4 - along * aHat[j]);
        expect(norm(orth)).toBeCloseTo(0.5, 12);
      }
      expect(smallR).toBeLessThan(0.5);
      expect(largeR).toBeGreaterThan(8);
    }
  });

  it('should give a = aScale·sign·along·a* / ‖a*‖ for k = 1 and φ ∈ {0, π} for p = 1', () => {
    const t1: TeacherHypothesis = { p: 1, k: 1, wStar: [0.5], aStar: [-2], phi0: 0 };
    const students = fc.sample(studentArb(t1, { phiMin: 0, phiMax: Math.PI, rMin: 1, rMax: 2, sign: 1, aScale: 2 }), {
      numRuns: 100,
      seed: 8,
    });
    for (const s of students) {
      expect(s.a[0]).toBeLessThan(0); // along −a*/|a*| = +1·(−1)
      expect(-s.a[0] / 2).toBeGreaterThanOrEqual(1e-3 * (1 - 1e-12));
      expect(-s.a[0] / 2).toBeLessThanOrEqual(1);
      expect([0, Math.PI]).toContain(s.phi);
      const u = s.w[0] + 1;
      expect(Math.abs(u)).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(Math.abs(u)).toBeLessThanOrEqual(2 + 1e-12);
      expect(s.phi === 0 ? u > 0 : u < 0).toBe(true);
    }
    expect(students.some((s) => s.phi === 0)).toBe(true);
    expect(students.some((s) => s.phi === Math.PI)).toBe(true);
    // φ = fl(π/2) exactly: e + w points away from v*, reported as φ = π.
    const half = fc.sample(studentArb(t1, { phiMin: Math.PI / 2, phiMax: Math.PI / 2, rMin: 1, rMax: 2, sign: 1, aScale: 1 }), {
      numRuns: 10,
      seed: 9,
    });
    for (const s of half) {
      expect(s.phi).toBe(Math.PI);
      expect(s.w[0] + 1).toBeLessThan(0);
    }
  });
});
