/**
 * rebuttal.trap-threshold — rebuttal l. 25–30 (protocol P2).
 * "There exists a small constant ε > 0, such that when a_0ᵀa* < −ε, GD will be trapped in the
 * spurious optimum … if a_0ᵀa* > −ε … converges to the global optimum"; "ε depends on w*":
 * w_0 = 0, α = 1, β = 10, a_0 in the ball; along a* (P2) the outcome must switch once, spurious
 * below and global above, at s = −ε < 0, and off the a*-line starts with the same a_0ᵀa* must end
 * alike. Refuted off the a*-line. Formalization and ε report: src/claims/rebuttal.trap-threshold.ts.
 */
import { describe, expect, it } from 'vitest';
import { claimSeed } from '../src/claims/run-claim.ts';
import { CI_SEED } from '../src/config/profile.ts';
import { P2_DEFAULTS, p2Instance, p2Outcome, p2Scan, p2TrainSpec, type P2Options } from '../src/experiments/p2-threshold.ts';
import { runTrainSpec } from '../src/io/train-spec.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.trap-threshold', () => {
  itReachesRegistryVerdict('rebuttal.trap-threshold');

  // A coarse scan (11 grid points, brackets of 1% of r‖a*‖) of a teacher far from e (s = 2, k = 4),
  // whose threshold lies inside the ball.
  const coarse: P2Options = { ...P2_DEFAULTS, gridPoints: 11, resolution: { kind: 'relative', value: 1e-2 } };
  const inst = p2Instance(CI_SEED, 4, 2, 0);

  it('should find one switch, spurious below and global above, at s = −ε < 0 (an example teacher)', () => {
    const r = p2Scan(inst, coarse);
    expect(r.lines[0].scan.switches).toHaveLength(1);
    expect(r.separation.kind).toBe('separated');
    const eps = r.epsilon;
    expect(eps).not.toBeNull();
    expect(eps!.lower).toBeGreaterThan(0);
    expect(eps!.upper - eps!.lower).toBeLessThanOrEqual(1e-2 * inst.sMax);
    expect(eps!.upper).toBeLessThan(inst.sMax);
  });

  it('should replay both ends of the bracket through the train spec with the outcomes the scan saw', () => {
    const r = p2Scan(inst, coarse);
    const [sw] = r.lines[0].scan.switches;
    expect(runTrainSpec(p2TrainSpec(inst, sw.lo, coarse)).outcome).toBe('spurious');
    expect(runTrainSpec(p2TrainSpec(inst, sw.hi, coarse)).outcome).toBe('global');
    expect(p2Outcome(inst, sw.hi, coarse)).toBe('global');
  });

  it('should start from a_0 with a_0ᵀa* = s exactly up to rounding, inside the ball', () => {
    const s = -0.5 * inst.sMax;
    const spec = p2TrainSpec(inst, s, coarse);
    const dot = spec.a0.reduce((acc, x, j) => acc + x * spec.aStar[j], 0);
    expect(Math.abs(dot - s)).toBeLessThanOrEqual(1e-14 * inst.sMax);
    const radius = Math.abs(spec.aStar.reduce((acc, x) => acc + x, 0)) / Math.sqrt(spec.k);
    expect(Math.hypot(...spec.a0)).toBeLessThanOrEqual(radius);
    expect(inst.phi0).toBeLessThan(Math.PI / 2);
  });

  it('should end spurious and global from two starts with the same a_0ᵀa* (the ci counterexample, k = 16)', () => {
    // The ci run's teacher (claim seed, k = 16, s = 2, first teacher): on the chord c = −r/2 the
    // switch lies near a_0ᵀa* = −0.535, on c = +r/2 near −0.634; a_0ᵀa* = −0.584 lies between.
    const teacher16 = p2Instance(claimSeed(CI_SEED, 'rebuttal.trap-threshold'), 16, 2, 0);
    const s = -0.584;
    const trapped = runTrainSpec(p2TrainSpec(teacher16, s, P2_DEFAULTS, -0.5 * teacher16.radius));
    const escaped = runTrainSpec(p2TrainSpec(teacher16, s, P2_DEFAULTS, 0.5 * teacher16.radius));
    expect(trapped.outcome).toBe('spurious');
    expect(escaped.outcome).toBe('global');
  });
});
