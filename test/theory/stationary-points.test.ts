/**
 * The stationary points of D5 (src/theory/stationary-points.ts, THEORY.md §3) and the regions of
 * §5 (src/theory/regions.ts), checked against the float64 closed form of the loss
 * (src/model/population-loss.ts), which shares no formula with them: on the spurious ray the kernel
 * must give φ = π, ∇_a L = 0 at a_sp, and L = L_sp; on the global ray φ = 0 and L = 0 at a = a*.
 * The local-minimum condition is checked on both sides: L depends on w only through φ, and L is
 * strictly convex in a, so the spurious point is a local minimum iff min_a L(w, a) rises as φ
 * leaves π; that minimum is taken at a(φ) of D4 and evaluated by the kernel.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/model/population-loss.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { aFixedPointAt } from '../../src/theory/a-fixed-point-at.ts';
import { atAngle, someOrthogonalUnit } from '../../src/theory/geometry.ts';
import { inR1, inR2, satisfiesShortcutPrior, shortcutPriorAngle } from '../../src/theory/regions.ts';
import { globalW, spuriousA, spuriousLoss, spuriousMinimumMargin, spuriousW } from '../../src/theory/stationary-points.ts';

const TEACHERS: Teacher[] = [
  makeTeacher(Float64Array.of(0.3), Float64Array.of(1.2)),
  makeTeacher(Float64Array.of(0.2, -0.4), Float64Array.of(0.7, -1.1, 0.4)),
  makeTeacher(Float64Array.of(0.5, 0.1, -0.3, 0.2), Float64Array.of(1, 2, -0.5, 0.25, 1.5)),
  makeTeacher(Float64Array.of(-0.1, 0.6, 0.05), Float64Array.of(1, 1, 1, 1, 1, 1)),
];

function norm(x: ArrayLike<number>): number {
  return Math.hypot(...Array.from(x));
}

describe('D5: the spurious and global rays against the closed-form loss', () => {
  for (const t of TEACHERS) {
    const name = `p = ${t.p}, k = ${t.k}`;

    it(`should place e + w at −c(e + w*) and a_sp at a zero of ∇_a L with L = L_sp: ${name}`, () => {
      const aSp = spuriousA(t.aStar, t.aStarSum);
      for (const c of [1, 0.25, 3]) {
        const w = spuriousW(t, c);
        const r = evaluate(t, w, aSp);
        // w = −c·u* − e is rounded, so the true φ of that double w is only near π: at p = 3,
        // c = 0.25 the 60-digit reference gives π − 2.3e-16, which the kernel rounds correctly to
        // the double below π. One ulp of π (4.4e-16) is the measured spread.
        expect(Math.abs(r.phi - Math.PI), `c = ${c}: φ = ${r.phi}`).toBeLessThanOrEqual(4.5e-16);
        expect(norm(r.gradA), `‖∇_a L‖ at a_sp, c = ${c}`).toBeLessThanOrEqual(1e-15 * norm(t.aStar));
        expect(Math.abs(r.loss - spuriousLoss(t.k, t.aStarNormSq, t.aStarSum)), `L at c = ${c}`).toBeLessThanOrEqual(1e-15 * t.aStarNormSq);
        const u = Array.from(w, (wi) => wi + t.e);
        expect(Math.abs(norm(u) - c * t.normUStar), `‖e + w‖ at c = ${c}`).toBeLessThanOrEqual(4e-16 * c * t.normUStar);
      }
      expect(spuriousLoss(t.k, t.aStarNormSq, t.aStarSum)).toBeGreaterThan(0);
    });

    it(`should place e + w at c(e + w*), where L(w, a*) = 0 and φ = 0: ${name}`, () => {
      for (const c of [1, 0.25, 3]) {
        const r = evaluate(t, globalW(t, c), t.aStar);
        expect(r.phi, `c = ${c}`).toBeLessThanOrEqual(1e-15);
        expect(r.loss, `c = ${c}`).toBeLessThanOrEqual(1e-30);
      }
    });
  }

  it('should give the local-minimum margin (π−1+k)/π·‖a*‖² − (1ᵀa*)² of D5', () => {
    // k = 3, a* = (1, 1, 1): 1ᵀa* = 3, ‖a*‖² = 3, margin = 3(π + 2)/π − 9 < 0 (a saddle);
    // a* = (1, −1, 1): 1ᵀa* = 1, margin = 3(π + 2)/π − 1 > 0 (a local minimum).
    expect(Math.abs(spuriousMinimumMargin(3, 3, 3) - ((3 * (Math.PI + 2)) / Math.PI - 9))).toBeLessThanOrEqual(1e-14);
    expect(spuriousMinimumMargin(3, 3, 3)).toBeLessThan(0);
    expect(spuriousMinimumMargin(3, 3, 1)).toBeGreaterThan(0);
  });

  it('should call the spurious point a local minimum exactly when min_a L rises as φ leaves π', () => {
    const cases = [
      { aStar: [1, 1, 1], minimum: false },
      { aStar: [1, -1, 1], minimum: true },
      { aStar: [2, 1.9, 2.1, 2], minimum: false },
      { aStar: [1, 0.5, -0.25, 0.3], minimum: true },
    ];
    for (const { aStar, minimum } of cases) {
      const t = makeTeacher(Float64Array.of(0.1, -0.2, 0.3), Float64Array.from(aStar));
      const margin = spuriousMinimumMargin(t.k, t.aStarNormSq, t.aStarSum);
      expect(margin > 0, `a* = ${aStar}: margin ${margin}`).toBe(minimum);
      const lsp = spuriousLoss(t.k, t.aStarNormSq, t.aStarSum);
      const q = someOrthogonalUnit(Float64Array.of(1, 0, 0), t.vStar);
      for (const eps of [1e-2, 1e-3]) {
        const u = atAngle(t.vStar, q, Math.PI - eps, t.normUStar);
        const w = Float64Array.from(u, (ui) => ui - t.e);
        const lossNear = evaluate(t, w, aFixedPointAt(t, w)).loss;
        expect(lossNear > lsp, `a* = ${aStar}, φ = π − ${eps}: min_a L = ${lossNear} vs L_sp = ${lsp}`).toBe(minimum);
      }
    }
  });
});

describe('regions (THEORY.md §5, rebuttal l. 23–24)', () => {
  it('should define R1 = {aᵀa* > 0, φ < π/2} and R2 = {aᵀa* < 0, φ > π/2} with strict inequalities', () => {
    expect(inR1(1, 0.1)).toBe(true);
    expect(inR1(0, 0.1)).toBe(false);
    expect(inR1(1, Math.PI / 2)).toBe(false);
    expect(inR1(-1, 0.1)).toBe(false);
    expect(inR1(1, 3)).toBe(false);
    expect(inR2(-1, 3)).toBe(true);
    expect(inR2(0, 3)).toBe(false);
    expect(inR2(-1, Math.PI / 2)).toBe(false);
    expect(inR2(1, 3)).toBe(false);
    expect(inR2(-1, 0.1)).toBe(false);
  });

  it('should give the shortcut-prior angle φ_0 = ∠(e, e + w*) as the kernel’s φ at w = 0', () => {
    for (const t of TEACHERS) {
      const phi0 = evaluate(t, new Float64Array(t.p), t.aStar).phi;
      expect(Math.abs(shortcutPriorAngle(t) - phi0), `p = ${t.p}`).toBeLessThanOrEqual(1e-15 + 4e-16 * phi0);
    }
    // p = 2, e = (1, 1)/√2, w* = (−1, 1)/√2 ⇒ e + w* = (0, √2): φ_0 = π/4.
    const at45 = makeTeacher(Float64Array.of(-Math.SQRT1_2, Math.SQRT1_2), Float64Array.of(1));
    expect(shortcutPriorAngle(at45)).toBeCloseTo(Math.PI / 4, 15);
    expect(satisfiesShortcutPrior(at45)).toBe(true);
    // e + w* = (−1, 0): w* = (−1 − 1/√2, −1/√2), at 3π/4 from e.
    const at135 = makeTeacher(Float64Array.of(-1 - Math.SQRT1_2, -Math.SQRT1_2), Float64Array.of(1));
    expect(shortcutPriorAngle(at135)).toBeCloseTo((3 * Math.PI) / 4, 15);
    expect(satisfiesShortcutPrior(at135)).toBe(false);
    // p = 4, e = (1, 1, 1, 1)/2, e + w* = (1, −1, 1, −1): e ⟂ e + w*, φ_0 = π/2 exactly (‖d‖² = ‖s‖² = 2),
    // on the boundary, which the strict prior φ_0 < π/2 excludes.
    const at90 = makeTeacher(Float64Array.of(0.5, -1.5, 0.5, -1.5), Float64Array.of(1));
    expect(shortcutPriorAngle(at90)).toBe(Math.PI / 2);
    expect(satisfiesShortcutPrior(at90)).toBe(false);
  });
});
