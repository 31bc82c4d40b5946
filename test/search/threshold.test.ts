/**
 * Example tests of the switch-point machinery (src/search/threshold.ts) on synthetic outcome
 * functions whose switch points are known exactly: one switch, several switches, a narrow band of a
 * third outcome inside one grid cell, no switch; both resolutions; and the judgement of P2's
 * statement "below θ < 0: spurious, above: global" on each shape.
 */
import { describe, expect, it } from 'vitest';
import { judgeSeparation, locateSwitches, type SwitchScanOptions } from '../../src/search/threshold.ts';

const step =
  (at: number, below: string, above: string) =>
  (x: number): string =>
    x < at ? below : above;

const options = (o: Partial<SwitchScanOptions> = {}): SwitchScanOptions => ({
  lo: -1,
  hi: 1,
  gridPoints: 11,
  resolution: { kind: 'absolute', value: 1e-6 },
  ...o,
});

const P2 = { below: 'spurious', above: 'global', before: 0 };

describe('locateSwitches', () => {
  it('should bracket a single switch to the absolute resolution', () => {
    const scan = locateSwitches(step(-0.3141, 'spurious', 'global'), options());
    expect(scan.switches).toHaveLength(1);
    const [s] = scan.switches;
    expect(s).toMatchObject({ below: 'spurious', above: 'global', resolved: true });
    expect(s.lo).toBeLessThan(-0.3141);
    expect(s.hi).toBeGreaterThanOrEqual(-0.3141);
    expect(s.hi - s.lo).toBeLessThanOrEqual(1e-6);
    expect(scan.segments.map((g) => g.outcome)).toEqual(['spurious', 'global']);
  });

  it('should bracket to a relative resolution', () => {
    const scan = locateSwitches(step(0.5, 'a', 'b'), options({ resolution: { kind: 'relative', value: 1e-9 } }));
    const [s] = scan.switches;
    expect(s.hi - s.lo).toBeLessThanOrEqual(1e-9 * 0.5 * (1 + 1e-9));
    expect(s.point).toBeCloseTo(0.5, 8);
  });

  it('should find every switch the grid separates, in order', () => {
    // Stripes of width 1/4: switches at −3/4, …, 3/4, and at 1 (the last grid point starts a stripe).
    const stripes = (x: number): string => (Math.abs(Math.floor(4 * x)) % 2 === 0 ? 'even' : 'odd');
    const scan = locateSwitches(stripes, options({ gridPoints: 41 }));
    expect(scan.switches.map((s) => Math.round(s.point * 4) + 0)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(scan.segments).toHaveLength(9);
  });

  it('should split a bracket that contains a narrow band of a third outcome', () => {
    const band = (x: number): string => (x < 0.3 ? 'A' : x < 0.30001 ? 'B' : 'C');
    const scan = locateSwitches(band, options());
    expect(scan.switches.map((s) => `${s.below}${s.above}`)).toEqual(['AB', 'BC']);
    expect(scan.switches[0].hi).toBeGreaterThanOrEqual(0.3);
    expect(scan.switches[1].lo).toBeLessThan(0.30001);
  });

  it('should report no switch for a constant outcome', () => {
    const scan = locateSwitches(() => 'global', options());
    expect(scan.switches).toEqual([]);
    expect(scan.segments).toEqual([{ outcome: 'global', from: -1, to: 1 }]);
    expect(scan.evaluations).toBe(11);
  });

  it('should mark a bracket unresolved when the bisection budget runs out', () => {
    const scan = locateSwitches(step(0.123, 'a', 'b'), options({ maxBisections: 3 }));
    expect(scan.switches[0].resolved).toBe(false);
    expect(scan.evaluations).toBe(11 + 3);
  });

  it('should reject an empty range, a grid of fewer than 2 points and a non-positive resolution', () => {
    expect(() => locateSwitches(() => 0, options({ lo: 1, hi: 1 }))).toThrow(/lo < hi/);
    expect(() => locateSwitches(() => 0, options({ gridPoints: 1 }))).toThrow(/gridPoints/);
    expect(() => locateSwitches(() => 0, options({ resolution: { kind: 'absolute', value: 0 } }))).toThrow(/resolution/);
  });
});

describe('judgeSeparation', () => {
  it('should accept one switch spurious → global below 0, with θ in the switch bracket', () => {
    const scan = locateSwitches(step(-0.2, 'spurious', 'global'), options());
    const j = judgeSeparation([scan], P2);
    expect(j).toEqual({ kind: 'separated', lo: scan.switches[0].lo, hi: scan.switches[0].hi });
  });

  it('should judge several lines together: equal thresholds separate, different ones violate', () => {
    const same = [locateSwitches(step(-0.2, 'spurious', 'global'), options()), locateSwitches(step(-0.2, 'spurious', 'global'), options({ lo: -0.5, hi: 0.5 }))];
    expect(judgeSeparation(same, P2).kind).toBe('separated');
    const shifted = [locateSwitches(step(-0.6, 'spurious', 'global'), options()), locateSwitches(step(-0.2, 'spurious', 'global'), options())];
    const j = judgeSeparation(shifted, P2);
    expect(j.kind).toBe('violated');
    if (j.kind !== 'violated') return;
    expect(j.witnessScan).toBe(1);
    expect(j.witness).toBeLessThan(-0.2);
    expect(j.witness).toBeGreaterThan(-0.6);
    expect(j.against?.scan).toBe(0);
    expect(j.against!.x).toBeLessThan(j.witness);
    expect(j.witnessOutcome).toBe('spurious');
  });

  it('should accept global on the whole range (θ below the range)', () => {
    expect(judgeSeparation([locateSwitches(() => 'global', options())], P2).kind).toBe('no-switch');
  });

  it('should refute the wrong order with a spurious witness above a global start', () => {
    const j = judgeSeparation([locateSwitches(step(-0.2, 'global', 'spurious'), options())], P2);
    expect(j.kind).toBe('violated');
    if (j.kind !== 'violated') return;
    expect(j.witnessOutcome).toBe('spurious');
    expect(j.witness).toBe(1);
    expect(j.margin).toBeLessThan(0);
  });

  it('should refute several switches', () => {
    const twice = (x: number): string => (x < -0.5 || (x > -0.2 && x < -0.1) ? 'spurious' : 'global');
    const j = judgeSeparation([locateSwitches(twice, options({ gridPoints: 41 }))], P2);
    expect(j.kind).toBe('violated');
    if (j.kind !== 'violated') return;
    expect(j.witness).toBeGreaterThan(-0.2);
    expect(j.witness).toBeLessThan(-0.1);
    expect(j.reason).toMatch(/3 switches/);
  });

  it('should refute a switch at θ ≥ 0 and a spurious outcome everywhere', () => {
    const late = judgeSeparation([locateSwitches(step(0.25, 'spurious', 'global'), options())], P2);
    expect(late.kind).toBe('violated');
    if (late.kind === 'violated') expect(late.witness).toBeGreaterThanOrEqual(0);
    const always = judgeSeparation([locateSwitches(() => 'spurious', options())], P2);
    expect(always.kind).toBe('violated');
  });

  it('should refute an outcome that is neither (undecided between the two)', () => {
    const band = (x: number): string => (x < -0.3 ? 'spurious' : x < -0.25 ? 'undecided' : 'global');
    const j = judgeSeparation([locateSwitches(band, options())], P2);
    expect(j.kind).toBe('violated');
    if (j.kind === 'violated') expect(j.witnessOutcome).toBe('undecided');
  });

  it('should call a bracket that straddles 0 unresolved', () => {
    const coarse = options({ resolution: { kind: 'absolute', value: 0.5 } });
    const j = judgeSeparation([locateSwitches(step(-0.05, 'spurious', 'global'), coarse)], P2);
    expect(j.kind).toBe('unresolved');
  });
});
