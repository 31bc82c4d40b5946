/**
 * The descent loop of src/optim/descent.ts on small problems (p, k ≤ 4, a few dozen steps):
 * - recording: the steps of the trajectory for a given `every`, vectors only when asked for (and
 *   then the iterate of that step), the final state recorded once, nothing recorded past a
 *   divergence;
 * - stopping: the loss target (inclusive), a non-finite loss or iterate ('diverged', at the right
 *   step), a final state outside the representable range, the exact early exit at a fixed point
 *   (deterministic oracles only, results identical to the full run, the oracle no longer called);
 * - the certified early exit: a SettleCheck consulted every SETTLE_PERIOD steps once the schedule
 *   has settled, its outcome and `settledAt` reported;
 * - the path: a closed-form oracle marked with its teacher runs fused (it is never called, and its
 *   plain steps round differently from the generic path's), any other oracle is called.
 * Scripted oracles (a loss and gradients chosen per step) drive the generic path to each case.
 */
import { describe, expect, it } from 'vitest';
import { lossAndGradient, type LossState } from '../../src/model/population-loss.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { runDescent, SETTLE_PERIOD, type DescentResult, type DescentSpec, type SettleCheck } from '../../src/optim/descent.ts';
import { populationOracle, type GradientOracle } from '../../src/optim/gradient-oracle.ts';

const TEACHER = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, -0.5, 2));

function baseSpec(overrides: Partial<DescentSpec> = {}): DescentSpec {
  return {
    teacher: TEACHER,
    w0: Float64Array.of(0.5, 0.4),
    a0: Float64Array.of(0.2, 0.1, 0.3),
    etaW: 0.5,
    etaA: 0.5,
    steps: 10,
    ...overrides,
  };
}

/** The closed form, not marked as the population oracle (the generic path), counting its calls. */
function genericOracle(t: Teacher): { oracle: GradientOracle; calls: number[] } {
  const calls: number[] = [];
  const oracle: GradientOracle = (w, a, gradW, gradA, state, step) => {
    calls.push(step);
    return lossAndGradient(t, w, a, gradW, gradA, state);
  };
  return { oracle, calls };
}

function fillState(state: LossState, loss: number): number {
  state.loss = loss;
  state.phi = 1;
  state.piMinusPhi = Math.PI - 1;
  state.normU = 1;
  state.aDotAStar = 1;
  state.h = 1;
  return loss;
}

/** An oracle whose loss and gradients are chosen per step by `script` (gradients default to 0). */
function scriptedOracle(script: (step: number, w: Float64Array, a: Float64Array, gradW: Float64Array, gradA: Float64Array) => number): {
  oracle: GradientOracle;
  calls: number[];
} {
  const calls: number[] = [];
  const oracle: GradientOracle = (w, a, gradW, gradA, state, step) => {
    calls.push(step);
    gradW.fill(0);
    gradA.fill(0);
    return fillState(state, script(step, w, a, gradW, gradA));
  };
  return { oracle, calls };
}

function bitwiseEqual(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  return x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
}

function expectSameRun(x: DescentResult, y: DescentResult): void {
  expect(x.steps).toBe(y.steps);
  expect(x.outcome).toBe(y.outcome);
  expect(bitwiseEqual(x.w, y.w), `w: ${String(x.w)} vs ${String(y.w)}`).toBe(true);
  expect(bitwiseEqual(x.a, y.a), `a: ${String(x.a)} vs ${String(y.a)}`).toBe(true);
  for (const key of ['loss', 'phi', 'aDotAStar', 'normU'] as const) expect(Object.is(x[key], y[key]), key).toBe(true);
}

describe('descent: recording', () => {
  it('should record step 0, every n-th step and the final step, without vectors by default', () => {
    const { oracle } = genericOracle(TEACHER);
    const result = runDescent(baseSpec({ steps: 7, lossTarget: -1, record: { every: 3 } }), oracle);
    expect(result.steps).toBe(7);
    expect(result.trajectory?.map((point) => point.step)).toEqual([0, 3, 6, 7]);
    for (const point of result.trajectory ?? []) {
      expect('w' in point || 'a' in point).toBe(false);
      expect(Number.isFinite(point.loss) && Number.isFinite(point.phi)).toBe(true);
    }
    // The final point is the final state.
    const last = result.trajectory?.[result.trajectory.length - 1];
    expect(last?.loss).toBe(result.loss);
    expect(last?.phi).toBe(result.phi);
  });

  it('should record the final step once when it falls on the period', () => {
    for (const fused of [false, true]) {
      const oracle = fused ? populationOracle(TEACHER) : genericOracle(TEACHER).oracle;
      const result = runDescent(baseSpec({ steps: 6, lossTarget: -1, record: { every: 2 } }), oracle);
      expect(result.trajectory?.map((point) => point.step)).toEqual([0, 2, 4, 6]);
    }
  });

  it('should not record a trajectory without a record option, nor call for one with every = 0', () => {
    const { oracle } = genericOracle(TEACHER);
    expect(runDescent(baseSpec(), oracle).trajectory).toBeUndefined();
    expect(runDescent(baseSpec({ record: { every: 0 } }), oracle).trajectory).toBeUndefined();
  });

  it('should record w and a only with vectors: true, as the iterates of their steps', () => {
    const spec = baseSpec({ steps: 5, lossTarget: -1 });
    for (const oracle of [populationOracle(TEACHER), genericOracle(TEACHER).oracle]) {
      const withVectors = runDescent({ ...spec, record: { every: 2, vectors: true } }, oracle);
      expect(withVectors.trajectory?.map((point) => point.step)).toEqual([0, 2, 4, 5]);
      for (const point of withVectors.trajectory ?? []) {
        const upTo = runDescent({ ...spec, steps: point.step }, oracle);
        expect(point.w).toEqual(Array.from(upTo.w));
        expect(point.a).toEqual(Array.from(upTo.a));
      }
      for (const record of [{ every: 2, vectors: false }, { every: 2 }]) {
        for (const point of runDescent({ ...spec, record }, oracle).trajectory ?? []) {
          expect(point.w).toBeUndefined();
          expect(point.a).toBeUndefined();
        }
      }
    }
  });

  it('should not repeat the last point when the run stops at a recorded step', () => {
    // Scripted losses 4, 3, 2, 1, …: the target 2 is reached at step 2, which is recorded.
    const { oracle, calls } = scriptedOracle((step) => 4 - step);
    const result = runDescent(baseSpec({ steps: 10, lossTarget: 2, record: { every: 2 } }), oracle);
    expect(result.steps).toBe(2);
    expect(calls).toEqual([0, 1, 2]);
    expect(result.trajectory?.map((point) => point.step)).toEqual([0, 2]);
    expect(result.trajectory?.map((point) => point.loss)).toEqual([4, 2]);
  });
});

describe('descent: stopping', () => {
  it('should stop at the first step whose loss equals the target (inclusive)', () => {
    const { oracle, calls } = scriptedOracle((step) => [5, 3, 1, 0.5, 0.25][step] ?? 0.1);
    const result = runDescent(baseSpec({ lossTarget: 1 }), oracle);
    expect(result.steps).toBe(2);
    expect(calls).toEqual([0, 1, 2]);
    const below = runDescent(baseSpec({ lossTarget: 0.9 }), scriptedOracle((step) => [5, 3, 1, 0.5, 0.25][step] ?? 0.1).oracle);
    expect(below.steps).toBe(3);
  });

  it('should stop with the real loss at the default target only once it is reached', () => {
    const t = TEACHER;
    const atOptimum = runDescent(baseSpec({ w0: t.wStar, a0: t.aStar, steps: 50 }), genericOracle(t).oracle);
    expect(atOptimum.steps).toBe(0); // L(w*, a*) = 0 ≤ 1e-12
    expect(atOptimum.outcome).toBe('global');
  });

  it('should classify the final state: global needs both φ and a close, a far a is undecided', () => {
    const t = TEACHER;
    const global = runDescent(baseSpec({ w0: t.wStar, a0: t.aStar, steps: 0 }), populationOracle(t));
    expect(global.outcome).toBe('global');
    expect(global.steps).toBe(0);
    expect(Number.isFinite(global.loss)).toBe(true);
    const farA = Float64Array.from(t.aStar, (x) => 1.5 * x);
    const undecided = runDescent(baseSpec({ w0: t.wStar, a0: farA, steps: 0 }), populationOracle(t));
    expect(undecided.phi).toBeLessThan(0.01);
    expect(undecided.outcome).toBe('undecided');
    expect(undecided.settledAt).toBeUndefined();
    expect('settledAt' in undecided).toBe(false);
  });

  it('should end a run as diverged at the step whose loss is not finite, recording only finite values', () => {
    const { oracle, calls } = scriptedOracle((step) => (step === 3 ? Infinity : 1));
    const result = runDescent(baseSpec({ record: { every: 2 } }), oracle);
    expect(calls).toEqual([0, 1, 2, 3]);
    expect(result.steps).toBe(3);
    expect(result.outcome).toBe('diverged');
    expect(Number.isNaN(result.loss) && Number.isNaN(result.phi) && Number.isNaN(result.aDotAStar) && Number.isNaN(result.normU)).toBe(true);
    expect(result.trajectory?.map((point) => point.step)).toEqual([0, 2]);
  });

  it('should end a run as diverged right after the update whose entries overflow (counting that update)', () => {
    const { oracle, calls } = scriptedOracle((step, _w, _a, gradW) => {
      if (step === 2) gradW[0] = -Infinity;
      return 1;
    });
    const result = runDescent(baseSpec({ record: { every: 1 } }), oracle);
    expect(calls).toEqual([0, 1, 2]);
    expect(result.steps).toBe(3);
    expect(result.outcome).toBe('diverged');
    expect(Number.isNaN(result.loss)).toBe(true);
    expect(result.trajectory?.map((point) => point.step)).toEqual([0, 1, 2]);
  });

  it('should call a final state with an infinite loss diverged, though its entries are finite', () => {
    // p = k = 1: one update moves a to 1e200, whose loss overflows.
    const t = makeTeacher(Float64Array.of(0.5), Float64Array.of(1));
    const { oracle } = scriptedOracle((_step, _w, _a, _gradW, gradA) => {
      gradA[0] = -1e200;
      return 1;
    });
    const spec: DescentSpec = { teacher: t, w0: Float64Array.of(0), a0: Float64Array.of(0), etaW: 1, etaA: 1, steps: 1, record: { every: 1 } };
    const result = runDescent(spec, oracle);
    expect(result.a[0]).toBe(1e200);
    expect(result.steps).toBe(1);
    expect(result.outcome).toBe('diverged');
    expect(Number.isNaN(result.loss)).toBe(true);
    expect(result.trajectory?.map((point) => point.step)).toEqual([0]);
  });

  it('should end a run as diverged once Σ w_i + Σ a_j overflows, on either block\'s sign', () => {
    // p = k = 1: one update moves w and a to ±1e308; entrySum's check (Σ w_i + Σ a_j, not finite
    // iff the update left the finite doubles) calls that diverged after that update.
    const t = makeTeacher(Float64Array.of(0.5), Float64Array.of(1));
    for (const [wNext, aNext, diverges] of [
      [1e308, 1e308, true],
      [-1e308, -1e308, true],
      [1e308, 1, false],
    ] as const) {
      const { oracle, calls } = scriptedOracle((step, w, a, gradW, gradA) => {
        if (step === 0) {
          gradW[0] = w[0] - wNext;
          gradA[0] = a[0] - aNext;
        }
        return 1;
      });
      const spec: DescentSpec = { teacher: t, w0: Float64Array.of(0), a0: Float64Array.of(0), etaW: 1, etaA: 1, steps: 3, lossTarget: -1 };
      const result = runDescent(spec, oracle);
      expect(result.w[0]).toBe(wNext);
      expect(result.a[0]).toBe(aNext);
      if (diverges) {
        expect(result.outcome).toBe('diverged');
        expect(result.steps).toBe(1);
        expect(calls).toEqual([0]);
      } else {
        expect(result.steps).toBe(3);
        expect(calls).toEqual([0, 1, 2]);
      }
    }
  });

  it('should call a final state with e + w = 0 diverged', () => {
    // p = 1: e = 1, and one update moves w to −1.
    const t = makeTeacher(Float64Array.of(0.5), Float64Array.of(1));
    const { oracle } = scriptedOracle((_step, _w, _a, gradW) => {
      gradW[0] = 1;
      return 1;
    });
    const spec: DescentSpec = { teacher: t, w0: Float64Array.of(0), a0: Float64Array.of(1), etaW: 1, etaA: 1, steps: 1 };
    const result = runDescent(spec, oracle);
    expect(result.w[0]).toBe(-1);
    expect(result.outcome).toBe('diverged');
    expect(Number.isNaN(result.loss)).toBe(true);
  });

  it('should diverge with a huge step size on both paths, at the same step, with finite records before it', () => {
    const t = makeTeacher(Float64Array.of(0.1, 0.2, -0.1), Float64Array.of(1, 2));
    const spec: DescentSpec = { teacher: t, w0: new Float64Array(3), a0: Float64Array.of(3, -1), etaA: 40, etaW: 40, steps: 5000, record: { every: 1 } };
    const steps: number[] = [];
    for (const oracle of [populationOracle(t), genericOracle(t).oracle]) {
      const result = runDescent(spec, oracle);
      expect(result.outcome).toBe('diverged');
      expect(result.steps).toBeLessThan(5000);
      expect(Number.isNaN(result.loss)).toBe(true);
      steps.push(result.steps);
      const trajectory = result.trajectory ?? [];
      // Every step before the diverging one is recorded (every = 1); the diverging step and any
      // final point are not, so every recorded value is finite.
      expect(trajectory.map((point) => point.step)).toEqual(Array.from({ length: result.steps }, (_, i) => i));
      for (const point of trajectory) expect(Number.isFinite(point.loss) && Number.isFinite(point.phi), `step ${point.step}`).toBe(true);
    }
    expect(steps[0]).toBe(steps[1]);
  });

  it('should not diverge when only a sum of the iterate overflows, its entries staying finite', () => {
    // ‖e + w‖² overflows (the fused kernel flags its sums), but Σ w_i + Σ a_j = Σ a_j is finite.
    const spec = baseSpec({ w0: Float64Array.of(1e200, -1e200), steps: 3, lossTarget: -1 });
    const fused = runDescent(spec, populationOracle(TEACHER), true);
    expect(fused.outcome).not.toBe('diverged');
    expect(fused.steps).toBe(3);
    expect(Number.isFinite(fused.loss)).toBe(true);
    expectSameRun(fused, runDescent(spec, genericOracle(TEACHER).oracle, true));
  });
});

describe('descent: the exact early exit at a fixed point', () => {
  it('should stop calling a deterministic oracle once an update changes nothing, reporting T steps', () => {
    const t = TEACHER;
    const spec = baseSpec({ w0: t.wStar, a0: t.aStar, steps: 100, lossTarget: -1 });
    const early = genericOracle(t);
    const full = genericOracle(t);
    const exited = runDescent(spec, early.oracle, true);
    const ran = runDescent(spec, full.oracle, false);
    expect(early.calls).toEqual([0]);
    expect(full.calls.length).toBe(100);
    expect(exited.steps).toBe(100);
    expectSameRun(exited, ran);
  });

  it('should not take the exit while recording: every step is recorded up to T', () => {
    const t = TEACHER;
    const spec = baseSpec({ w0: t.wStar, a0: t.aStar, steps: 5, lossTarget: -1, record: { every: 1 } });
    for (const fused of [false, true]) {
      const generic = genericOracle(t);
      const result = runDescent(spec, fused ? populationOracle(t) : generic.oracle, true);
      expect(result.steps).toBe(5);
      expect(result.trajectory?.map((point) => point.step)).toEqual([0, 1, 2, 3, 4, 5]);
      if (!fused) expect(generic.calls).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('should not exit while updates still change w or a, and exit at the first no-op update', () => {
    // w_i ← w_i − (w_i − 1)/2 and a_j ← a_j − (a_j − 2)/2 reach 1 and 2 exactly after finitely many steps.
    const scripts = {
      w: (_step: number, w: Float64Array, _a: Float64Array, gradW: Float64Array) => {
        for (let i = 0; i < w.length; i++) gradW[i] = w[i] - 1;
        return 1;
      },
      a: (_step: number, _w: Float64Array, a: Float64Array, _gradW: Float64Array, gradA: Float64Array) => {
        for (let j = 0; j < a.length; j++) gradA[j] = a[j] - 2;
        return 1;
      },
    };
    for (const [which, script] of Object.entries(scripts)) {
      const spec = baseSpec({ w0: Float64Array.of(0, 0.5), a0: Float64Array.of(0, 1, 3), steps: 200, lossTarget: -1 });
      const early = scriptedOracle(script);
      const full = scriptedOracle(script);
      const exited = runDescent(spec, early.oracle, true);
      const ran = runDescent(spec, full.oracle);
      expect(full.calls.length, which).toBe(200);
      // A geometric approach to 1 (or 2) from these starts takes about 50 halvings to land exactly.
      expect(early.calls.length, which).toBeGreaterThan(40);
      expect(early.calls.length, which).toBeLessThan(80);
      expect(exited.steps, which).toBe(200);
      expect(bitwiseEqual(exited.w, ran.w) && bitwiseEqual(exited.a, ran.a), which).toBe(true);
      if (which === 'w') expect(Array.from(exited.w)).toEqual([1, 1]);
      else expect(Array.from(exited.a)).toEqual([2, 2, 2]);
      // The exit is at the first update that changed nothing: the one before it still changed something.
      const before = runDescent({ ...spec, steps: early.calls.length - 1 }, scriptedOracle(script).oracle);
      const target = which === 'w' ? before.w : before.a;
      expect(Array.from(target).every((x) => x === (which === 'w' ? 1 : 2)), which).toBe(true);
      const twoBefore = runDescent({ ...spec, steps: early.calls.length - 2 }, scriptedOracle(script).oracle);
      expect(Array.from(which === 'w' ? twoBefore.w : twoBefore.a).every((x) => x === (which === 'w' ? 1 : 2)), which).toBe(false);
    }
  });

  it('should keep going by default (a non-deterministic oracle) after an update that changes nothing', () => {
    // Like a stochastic oracle: a zero gradient at step 0, then a pull of w towards 1.
    const { oracle, calls } = scriptedOracle((step, w, _a, gradW) => {
      if (step > 0) for (let i = 0; i < w.length; i++) gradW[i] = w[i] - 1;
      return 1;
    });
    const result = runDescent(baseSpec({ w0: Float64Array.of(0, 0), steps: 3, lossTarget: -1 }), oracle);
    expect(calls).toEqual([0, 1, 2]);
    expect(Array.from(result.w)).toEqual([0.75, 0.75]);
  });

  it('should take the exit on the fused path too, with the same result as the generic path', () => {
    const t = TEACHER;
    const spec = baseSpec({ w0: t.wStar, a0: t.aStar, steps: 100, lossTarget: -1 });
    const fused = runDescent(spec, populationOracle(t), true);
    expectSameRun(fused, runDescent(spec, genericOracle(t).oracle, true));
    expect(fused.outcome).toBe('global');
  });
});

describe('descent: the certified early exit (SettleCheck)', () => {
  function settleSpy(decideAt: number, outcome: 'spurious' | 'undecided'): { check: SettleCheck; calls: number[] } {
    const calls: number[] = [];
    const check: SettleCheck = (_state, _w, _a, step) => {
      calls.push(step);
      return step >= decideAt ? outcome : undefined;
    };
    return { check, calls };
  }

  it('should consult the check every SETTLE_PERIOD steps and end with its outcome and settledAt', () => {
    expect(SETTLE_PERIOD).toBe(4);
    const { check, calls } = settleSpy(8, 'spurious');
    const { oracle, calls: oracleCalls } = genericOracle(TEACHER);
    const result = runDescent(baseSpec({ steps: 30, lossTarget: -1, record: { every: 5 } }), oracle, true, check);
    expect(calls).toEqual([0, 4, 8]);
    expect(oracleCalls.length).toBe(9);
    expect(result.steps).toBe(8);
    expect(result.settledAt).toBe(8);
    // The check's outcome, not the classification of the state (which is not spurious here).
    expect(result.outcome).toBe('spurious');
    expect(result.phi).toBeLessThan(Math.PI - 0.1);
    expect(result.trajectory?.map((point) => point.step)).toEqual([0, 5, 8]);
  });

  it('should consult the check only once the schedule has settled', () => {
    const warmup = settleSpy(100, 'undecided');
    const warm = runDescent(baseSpec({ steps: 14, lossTarget: -1, schedule: { kind: 'warmup', steps: 6 } }), genericOracle(TEACHER).oracle, true, warmup.check);
    expect(warmup.calls).toEqual([8, 12]); // settled from t + 1 ≥ 6
    expect(warm.steps).toBe(14);
    expect(warm.settledAt).toBeUndefined();
    const layerwise = settleSpy(12, 'undecided');
    const layer = runDescent(baseSpec({ steps: 30, lossTarget: -1, schedule: { kind: 'layerwise', switchStep: 5 } }), populationOracle(TEACHER), true, layerwise.check);
    expect(layerwise.calls).toEqual([8, 12]);
    expect(layer.steps).toBe(12);
    expect(layer.settledAt).toBe(12);
    expect(layer.outcome).toBe('undecided');
  });

  it('should run to T and classify the state when the check never decides', () => {
    const { check, calls } = settleSpy(Infinity, 'spurious');
    const spec = baseSpec({ steps: 9, lossTarget: -1 });
    const result = runDescent(spec, populationOracle(TEACHER), true, check);
    expect(calls).toEqual([0, 4, 8]);
    expect('settledAt' in result).toBe(false);
    expectSameRun(result, runDescent(spec, populationOracle(TEACHER), true));
  });
});

describe('descent: fused and generic paths', () => {
  it('should run a marked closed-form oracle fused, without calling it', () => {
    // From φ ≈ 0.98, five steps stay in the plain step's region.
    const spec = baseSpec({ w0: Float64Array.of(-0.5, 1), steps: 5, lossTarget: -1 });
    const marked = Object.assign(
      ((): number => {
        throw new Error('the fused path calls no oracle');
      }) as GradientOracle,
      { populationTeacher: TEACHER },
    );
    const fused = runDescent(spec, marked, true);
    const generic = runDescent(spec, genericOracle(TEACHER).oracle, true);
    expect(fused.steps).toBe(5);
    expect(fused.outcome).toBe(generic.outcome);
    expect(Math.abs(fused.loss - generic.loss)).toBeLessThanOrEqual(1e-12 * generic.loss);
    for (let i = 0; i < 2; i++) expect(Math.abs(fused.w[i] - generic.w[i])).toBeLessThan(1e-12);
    for (let j = 0; j < 3; j++) expect(Math.abs(fused.a[j] - generic.a[j])).toBeLessThan(1e-12);
    // In the plain step's region (φ, π − φ ≥ 1/4, ‖e + w‖ ≥ 1/2) the fused path takes plain steps,
    // whose rounding differs from the kernel's: after 5 steps the iterates are not bitwise equal.
    expect(bitwiseEqual(fused.w, generic.w) && bitwiseEqual(fused.a, generic.a)).toBe(false);
    // The recorded points are the kernel's evaluations, whichever step follows: step 0 agrees exactly.
    const recorded = runDescent({ ...spec, record: { every: 2 } }, populationOracle(TEACHER));
    const recordedGeneric = runDescent({ ...spec, record: { every: 2 } }, genericOracle(TEACHER).oracle);
    expect(recorded.trajectory?.[0]).toEqual(recordedGeneric.trajectory?.[0]);
  });

  it('should call any other oracle, even one of the same teacher', () => {
    // A scripted oracle that leaves (w, a) fixed: the closed form would move them.
    const { oracle, calls } = scriptedOracle(() => 1);
    const spec = baseSpec({ steps: 5, lossTarget: -1 });
    const result = runDescent(spec, oracle);
    expect(calls).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(result.w)).toEqual(Array.from(spec.w0));
    expect(Array.from(result.a)).toEqual(Array.from(spec.a0));
    // An oracle marked with another teacher is not run fused either.
    const other = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, -0.5, 2));
    const scripted = scriptedOracle(() => 1);
    const marked = Object.assign(scripted.oracle, { populationTeacher: other });
    runDescent(spec, marked);
    expect(scripted.calls.length).toBe(5);
  });

  it('should apply the schedule and η_a on both paths alike', () => {
    for (const schedule of [{ kind: 'warmup', steps: 4 } as const, { kind: 'layerwise', switchStep: 3 } as const]) {
      const spec = baseSpec({ steps: 6, lossTarget: -1, schedule });
      const fused = runDescent(spec, populationOracle(TEACHER), true);
      const generic = runDescent(spec, genericOracle(TEACHER).oracle, true);
      for (let i = 0; i < 2; i++) expect(Math.abs(fused.w[i] - generic.w[i])).toBeLessThan(1e-12);
      for (let j = 0; j < 3; j++) expect(Math.abs(fused.a[j] - generic.a[j])).toBeLessThan(1e-12);
    }
    // Layerwise: w is frozen for the first S updates.
    const frozen = runDescent(baseSpec({ steps: 3, lossTarget: -1, schedule: { kind: 'layerwise', switchStep: 3 } }), populationOracle(TEACHER), true);
    expect(Array.from(frozen.w)).toEqual([0.5, 0.4]);
  });
});
