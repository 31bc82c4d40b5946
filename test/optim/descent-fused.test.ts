/**
 * The fused GD path of src/optim/descent.ts against the generic path (the closed-form oracle
 * lossAndGradient, then the update). The fused path runs plain steps (src/model/plain-descent-step.ts)
 * in the bulk of a run and the cancellation-free kernel elsewhere, so:
 * - where every step is the kernel's (at the global optimum, a floating-point fixed point), the two
 *   agree bit for bit — iterates, step counts, final loss and angle, outcome, trajectory;
 * - on runs whose a-block step is stable (α < 2), they reach the same outcome, final losses within
 *   a relative 1e-5 (measured over 300 random problems: at most 6.5e-7, a run ending in its slow
 *   tail at L ≈ 1.4e-5), and step counts within 5% (measured: 1 run of 300 differed, 628 against
 *   617 steps, both stopping at the loss target 1e-12 approached slowly);
 * - a run diverges on one path iff it does on the other. Runs with an unstable a-block (α = 2.5)
 *   that have not overflowed yet (L ~ 1e300) have φ at the mercy of rounding, and their
 *   spurious/undecided labels may differ (measured: 12 of 100).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lossAndGradient } from '../../src/model/population-loss.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { runDescent, type DescentResult, type DescentSpec } from '../../src/optim/descent.ts';
import { populationOracle, type GradientOracle } from '../../src/optim/gradient-oracle.ts';
import type { Schedule } from '../../src/optim/schedule.ts';
import { Rng } from '../../src/random/rng.ts';

/** The same closed form, not recognisable as the population oracle: the generic path. */
function plainOracle(spec: DescentSpec): GradientOracle {
  const t = spec.teacher;
  return (w, a, gradW, gradA, state) => lossAndGradient(t, w, a, gradW, gradA, state);
}

function same(x: number, y: number): boolean {
  return Object.is(x, y);
}

function expectIdentical(fused: DescentResult, generic: DescentResult): void {
  expect(fused.steps).toBe(generic.steps);
  expect(fused.outcome).toBe(generic.outcome);
  for (const key of ['loss', 'phi', 'aDotAStar', 'normU'] as const) {
    expect(same(fused[key], generic[key]), `${key}: ${fused[key]} vs ${generic[key]}`).toBe(true);
  }
  expect(Array.from(fused.w).every((x, i) => same(x, generic.w[i])), 'w').toBe(true);
  expect(Array.from(fused.a).every((x, i) => same(x, generic.a[i])), 'a').toBe(true);
  expect(JSON.stringify(fused.trajectory)).toBe(JSON.stringify(generic.trajectory));
}

/** A problem drawn from a seed: sizes, teacher, start, step sizes (some unstable), schedule. */
function problem(seed: number): DescentSpec {
  const rng = new Rng(seed);
  const p = 1 + Math.floor(rng.uniform() * 40);
  const k = 1 + Math.floor(rng.uniform() * 40);
  const wStar = new Float64Array(p);
  const aStar = new Float64Array(k);
  rng.fillNormal(wStar);
  rng.fillNormal(aStar);
  for (let i = 0; i < p; i++) wStar[i] *= (2 * rng.uniform()) / Math.sqrt(p);
  const teacher = makeTeacher(wStar, aStar);
  const w0 = new Float64Array(p);
  const kind = rng.uniform();
  if (kind < 0.3) rng.fillNormal(w0);
  else if (kind < 0.45) for (let i = 0; i < p; i++) w0[i] = -2 * teacher.uStar[i] - teacher.e; // the spurious ray
  const a0 = new Float64Array(k);
  rng.fillNormal(a0);
  const alpha = [0.5, 1, 1.9, 2.5][Math.floor(rng.uniform() * 4)]; // 2.5: beyond the a-block threshold
  const etaA = (alpha * 2 * Math.PI) / (Math.PI - 1 + k);
  const etaW = etaA * [0.1, 1, 10, 100][Math.floor(rng.uniform() * 4)];
  const s = rng.uniform();
  const schedule: Schedule | undefined =
    s < 0.2 ? { kind: 'warmup', steps: 50 } : s < 0.4 ? { kind: 'layerwise', switchStep: 30 } : undefined;
  const record = rng.uniform() < 0.2 ? { every: 7, vectors: rng.uniform() < 0.5 } : undefined;
  return { teacher, w0, a0, etaA, etaW, steps: 200 + Math.floor(rng.uniform() * 3000), schedule, record };
}

describe('descent: the fused closed-form path', () => {
  it('should agree bit for bit with the generic path at the global optimum (a fixed point)', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, -0.5, 2));
    const spec: DescentSpec = { teacher: t, w0: t.wStar, a0: t.aStar, etaA: 0.5, etaW: 0.5, steps: 100, lossTarget: -1 };
    const fused = runDescent(spec, populationOracle(t), true);
    expectIdentical(fused, runDescent(spec, plainOracle(spec), true));
    expect(fused.steps).toBe(100); // the exact fixed-point exit reports T
  });

  it('should diverge when the generic path diverges, at the same step', () => {
    const t = makeTeacher(Float64Array.of(0.1, 0.2, -0.1), Float64Array.of(1, 2));
    const spec: DescentSpec = { teacher: t, w0: new Float64Array(3), a0: Float64Array.of(3, -1), etaA: 40, etaW: 40, steps: 5000 };
    const fused = runDescent(spec, populationOracle(t), true);
    const generic = runDescent(spec, plainOracle(spec), true);
    expect(fused.outcome).toBe('diverged');
    expect(generic.outcome).toBe('diverged');
    expect(fused.steps).toBe(generic.steps);
  });

  it('should agree with the generic path on outcome, final loss and steps on random problems, schedules and records', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const spec = problem(seed);
        const fused = runDescent(spec, populationOracle(spec.teacher), true);
        const generic = runDescent(spec, plainOracle(spec), true);
        expect(fused.outcome === 'diverged', `diverged: ${fused.outcome} vs ${generic.outcome}`).toBe(generic.outcome === 'diverged');
        const alpha = (spec.etaA * (Math.PI - 1 + spec.teacher.k)) / (2 * Math.PI);
        if (alpha >= 2 || generic.outcome === 'diverged') return;
        expect(fused.outcome).toBe(generic.outcome);
        const target = 1e-12;
        if (fused.loss > target || generic.loss > target) {
          expect(Math.abs(fused.loss - generic.loss), `loss ${fused.loss} vs ${generic.loss}`).toBeLessThanOrEqual(1e-5 * generic.loss);
        }
        expect(Math.abs(fused.steps - generic.steps), `steps ${fused.steps} vs ${generic.steps}`).toBeLessThanOrEqual(0.05 * generic.steps);
        if (spec.record !== undefined) {
          // Recorded points are the kernel's evaluations of the fused path's own iterates.
          for (const point of fused.trajectory ?? []) expect(Number.isFinite(point.loss) && point.phi >= 0 && point.phi <= Math.PI).toBe(true);
          expect(fused.trajectory?.[0]).toEqual(generic.trajectory?.[0]);
        }
      }),
      { numRuns: 150, seed: 20191209 },
    );
  });
});
