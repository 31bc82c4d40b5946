/**
 * The PD regions of src/theory/pd-region.ts (THEORY.md §4–5), checked against their definitions in
 * the module's doc comment: the largest φ of each region (R1's φ < π/2, the ball's phiMax, the whole
 * [0, π] of `bounded`), and the validation of the bounds 0 < rMin ≤ rMax < ∞, radius ∈ (0, ∞),
 * phiMax ∈ (0, π], aNormMax ∈ (0, ∞), each tested on both sides of its boundary (the closed ends
 * rMax = rMin and phiMax = π are accepted; the open ends 0 and ∞ rejected) and with NaN.
 */
import { describe, expect, it } from 'vitest';
import { checkRegion, PD_REGION_KINDS, regionPhiMax, type PdRegion } from '../../src/theory/pd-region.ts';

const R = { rMin: 0.5, rMax: 2 };

/** `kind {bound = value, …}` with NaN and ±Infinity spelled out (JSON would print null). */
function show(region: PdRegion): string {
  return `${region.kind} {${Object.entries(region)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => `${key} = ${String(value)}`)
    .join(', ')}}`;
}

describe('regionPhiMax', () => {
  it('should give π/2 on R1, phiMax on the ball and π on the bounded region', () => {
    expect(regionPhiMax({ kind: 'r1', aNormMax: 1, ...R })).toBe(Math.PI / 2);
    expect(regionPhiMax({ kind: 'ball', radius: 1, phiMax: 0.75, ...R })).toBe(0.75);
    expect(regionPhiMax({ kind: 'bounded', aNormMax: 1, ...R })).toBe(Math.PI);
  });

  it('should list the three kinds', () => {
    expect([...PD_REGION_KINDS]).toEqual(['r1', 'ball', 'bounded']);
  });
});

describe('checkRegion', () => {
  const valid: PdRegion[] = [
    { kind: 'r1', aNormMax: 3, ...R },
    { kind: 'bounded', aNormMax: 1e-3, ...R },
    { kind: 'ball', radius: 0.25, phiMax: 1, ...R },
    // Closed ends: rMin = rMax, phiMax = π.
    { kind: 'r1', aNormMax: 3, rMin: 1, rMax: 1 },
    { kind: 'ball', radius: 0.25, phiMax: Math.PI, ...R },
    { kind: 'ball', radius: 1e-300, phiMax: 1e-300, rMin: 1e-300, rMax: 1e300 },
  ];
  for (const region of valid) {
    it(`should accept ${show(region)}`, () => {
      expect(() => checkRegion(region)).not.toThrow();
    });
  }

  const invalid: [PdRegion, RegExp][] = [
    [{ kind: 'r1', aNormMax: 3, rMin: 0, rMax: 1 }, /rMin = 0, rMax = 1/],
    [{ kind: 'r1', aNormMax: 3, rMin: -1, rMax: 1 }, /rMin = -1/],
    [{ kind: 'bounded', aNormMax: 3, rMin: NaN, rMax: 1 }, /rMin = NaN/],
    [{ kind: 'r1', aNormMax: 3, rMin: 2, rMax: 1 }, /rMin = 2, rMax = 1/],
    [{ kind: 'r1', aNormMax: 3, rMin: 1, rMax: 1 - 2 ** -53 }, /rMin ≤ rMax/],
    [{ kind: 'r1', aNormMax: 3, rMin: 1, rMax: Infinity }, /rMax = Infinity/],
    [{ kind: 'ball', radius: 1, phiMax: 1, rMin: 1, rMax: NaN }, /rMax = NaN/],
    [{ kind: 'ball', radius: 0, phiMax: 1, ...R }, /radius must be positive \(got 0\)/],
    [{ kind: 'ball', radius: -1, phiMax: 1, ...R }, /radius .*got -1/],
    [{ kind: 'ball', radius: Infinity, phiMax: 1, ...R }, /radius .*got Infinity/],
    [{ kind: 'ball', radius: NaN, phiMax: 1, ...R }, /radius .*got NaN/],
    [{ kind: 'ball', radius: 1, phiMax: 0, ...R }, /phiMax must be in \(0, π\] \(got 0\)/],
    [{ kind: 'ball', radius: 1, phiMax: -0.5, ...R }, /phiMax .*got -0.5/],
    // The double just above π.
    [{ kind: 'ball', radius: 1, phiMax: Math.PI + 4.440892098500626e-16, ...R }, /phiMax .*got 3.14159265358979/],
    [{ kind: 'ball', radius: 1, phiMax: NaN, ...R }, /phiMax .*got NaN/],
    [{ kind: 'r1', aNormMax: 0, ...R }, /aNormMax must be positive \(got 0\)/],
    [{ kind: 'bounded', aNormMax: -2, ...R }, /aNormMax .*got -2/],
    [{ kind: 'bounded', aNormMax: Infinity, ...R }, /aNormMax .*got Infinity/],
    [{ kind: 'r1', aNormMax: NaN, ...R }, /aNormMax .*got NaN/],
  ];
  for (const [region, message] of invalid) {
    it(`should reject ${show(region)} with a RangeError naming the bound`, () => {
      expect(() => checkRegion(region)).toThrow(RangeError);
      expect(() => checkRegion(region)).toThrow(message);
    });
  }

  it('should name the first invalid bound when several are invalid', () => {
    expect(() => checkRegion({ kind: 'ball', radius: 0, phiMax: 9, rMin: 0, rMax: 1 })).toThrow(/rMin/);
    expect(() => checkRegion({ kind: 'ball', radius: 0, phiMax: 9, ...R })).toThrow(/radius/);
  });
});
