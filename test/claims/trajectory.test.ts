/**
 * The shared pieces of the trajectory claims (src/claims/trajectory.ts): `runSpec` runs a train spec
 * once per spec object (fast-check's shrinker re-asks margins of the same object), and `logMargin`
 * is log10(bound/value), ≥ 0 iff value ≤ bound, with value clipped at 1e-300 and −300 for a
 * non-finite value.
 */
import { describe, expect, it } from 'vitest';
import { logMargin, runSpec, type TrainSpec } from '../../src/claims/trajectory.ts';
import { runTrainSpec } from '../../src/io/train-spec.ts';

const SPEC: TrainSpec = { p: 2, k: 2, w0: [0.1, -0.2], a0: [0.5, 0.3], wStar: [0.2, 0.1], aStar: [1, -0.5], etaW: 0.5, etaA: 0.5, steps: 50 };

describe('runSpec', () => {
  it('should run the spec as `train` does', () => {
    const r = runSpec(SPEC);
    const direct = runTrainSpec(SPEC);
    expect(r.steps).toBe(direct.steps);
    expect(Array.from(r.w)).toEqual(Array.from(direct.w));
    expect(Array.from(r.a)).toEqual(Array.from(direct.a));
    expect(r.phi).toBe(direct.phi);
  });

  it('should return the memoized result for the same spec object, and run a copy afresh', () => {
    const spec = { ...SPEC };
    const first = runSpec(spec);
    expect(runSpec(spec)).toBe(first);
    const copy = { ...SPEC };
    const other = runSpec(copy);
    expect(other).not.toBe(first);
    expect(Array.from(other.w)).toEqual(Array.from(first.w));
    expect(runSpec(copy)).toBe(other);
  });
});

describe('logMargin', () => {
  it('should be log10(bound) − log10(value): ≥ 0 iff value ≤ bound', () => {
    expect(logMargin(1e-5, 1e-3)).toBeCloseTo(2, 14);
    expect(logMargin(1e-3, 1e-5)).toBeCloseTo(-2, 14);
    expect(logMargin(0.5, 0.5)).toBe(0);
    expect(logMargin(100, 10)).toBeCloseTo(-1, 14);
  });

  it('should clip the value at 1e-300 (an exact 0 is 300 decades below a bound of 1)', () => {
    expect(logMargin(0, 1)).toBe(300);
    expect(logMargin(1e-320, 1)).toBe(300);
    expect(logMargin(-5, 1e-10)).toBeCloseTo(290, 12);
  });

  it('should give −300 for a non-finite value', () => {
    expect(logMargin(Infinity, 1)).toBe(-300);
    expect(logMargin(-Infinity, 1)).toBe(-300);
    expect(logMargin(NaN, 1)).toBe(-300);
    expect(logMargin(Number.MAX_VALUE, 1)).toBeCloseTo(-308.2547, 3);
  });
});
