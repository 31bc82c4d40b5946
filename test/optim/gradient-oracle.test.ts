/**
 * The gradient oracles of src/optim/gradient-oracle.ts and src/optim/stochastic-oracle.ts, and
 * full-batch GD (src/optim/gradient-descent.ts), checked against THEORY.md §2 and §7 and the
 * modules' doc comments:
 * - populationOracle returns L(w, a), writes ∇_w L and ∇_a L and fills the state (φ, aᵀa*, ‖e + w‖),
 *   compared with the plain closed form of test/independent/naive-gd.ts (which shares no code with
 *   src/); it carries its teacher, and isPopulationOracleOf recognises it for that teacher object
 *   only (not for another teacher, even with equal values, nor for any other function);
 * - stochasticOracle returns the population loss and state (not the batch's), writes the exact
 *   gradient of the batch loss L_B of a fresh batch drawn from its stream each step (the same
 *   batches as a stream with the same seed gives, see src/model/gaussian-batch.ts), and its
 *   gradient is unbiased: the mean over many steps approaches ∇L within 5 standard errors;
 * - gradientDescent follows w_{t+1} = w_t − η_w ∇_w L, a_{t+1} = a_t − η_a ∇_a L (the plain GD of
 *   test/independent/naive-gd.ts), and at a floating-point fixed point ends at once, reporting all
 *   T updates (the exact early exit that its deterministic oracle enables): a run of T = 2⁴⁰ steps
 *   would otherwise not finish.
 * Tolerances are in units of ε = 2⁻⁵² and were measured with the seeds used here.
 */
import { describe, expect, it } from 'vitest';
import { gaussianBatch } from '../../src/model/gaussian-batch.ts';
import { newLossState, type LossState } from '../../src/model/population-loss.ts';
import { batchLossAndGradient } from '../../src/model/sample-model.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { runDescent } from '../../src/optim/descent.ts';
import { gradientDescent } from '../../src/optim/gradient-descent.ts';
import { isPopulationOracleOf, populationOracle, type GradientOracle } from '../../src/optim/gradient-oracle.ts';
import { stochasticOracle } from '../../src/optim/stochastic-oracle.ts';
import { Rng } from '../../src/random/rng.ts';
import { naiveGd, naiveLossAndGradient, type NaiveSpec } from '../independent/naive-gd.ts';

const EPS = 2 ** -52;

function norm(x: ArrayLike<number>): number {
  return Math.hypot(...Array.from(x));
}

/** The naive closed form's view of a teacher (w0, a0 and the step sizes are not used). */
function naiveOf(t: Teacher): NaiveSpec {
  return { p: t.p, k: t.k, w0: [], a0: [], wStar: Array.from(t.wStar), aStar: Array.from(t.aStar), etaW: 0, etaA: 0, steps: 0 };
}

/** A random teacher with ‖w*‖ about 1/2 and a random point (w, a), from a seed. */
function randomProblem(rng: Rng, p: number, k: number): { t: Teacher; w: Float64Array; a: Float64Array } {
  const wStar = rng.fillNormal(new Float64Array(p)).map((v) => v / (2 * Math.sqrt(p)));
  const t = makeTeacher(wStar, rng.fillNormal(new Float64Array(k)));
  return { t, w: rng.fillNormal(new Float64Array(p)), a: rng.fillNormal(new Float64Array(k)) };
}

function call(oracle: GradientOracle, t: Teacher, w: Float64Array, a: Float64Array, step = 0) {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state: LossState = newLossState();
  const loss = oracle(w, a, gradW, gradA, state, step);
  return { loss, gradW, gradA, state };
}

describe('populationOracle: the closed form of THEORY.md §2', () => {
  it('should return L(w, a) and write ∇_w L and ∇_a L (against the naive closed form)', () => {
    const rng = new Rng(123);
    for (let trial = 0; trial < 200; trial++) {
      const p = 1 + (trial % 6);
      const k = 1 + ((trial * 7) % 5);
      const { t, w, a } = randomProblem(rng, p, k);
      const r = call(populationOracle(t), t, w, a);
      const ref = naiveLossAndGradient(naiveOf(t), Array.from(w), Array.from(a));
      // The size of the terms of L: 1 + ‖a‖‖a*‖ + ‖a‖² + ‖a*‖². Measured over 500 draws:
      // |L − L_naive| ≤ 0.7ε·scale and max |∇ − ∇_naive| ≤ 1.3ε·scale; tolerances 2ε·scale.
      const scale = 1 + norm(a) * norm(t.aStar) + norm(a) ** 2 + t.aStarNormSq;
      const where = `trial ${trial}, p = ${p}, k = ${k}`;
      expect(Math.abs(r.loss - ref.loss), where).toBeLessThanOrEqual(2 * EPS * scale);
      for (let i = 0; i < p; i++) expect(Math.abs(r.gradW[i] - ref.gw[i]), `${where}: ∇_w ${i}`).toBeLessThanOrEqual(2 * EPS * scale);
      for (let j = 0; j < k; j++) expect(Math.abs(r.gradA[j] - ref.ga[j]), `${where}: ∇_a ${j}`).toBeLessThanOrEqual(2 * EPS * scale);
      // The state: the returned loss, φ (measured within 3ε of the naive atan2 form; tolerance 4ε),
      // aᵀa* and ‖e + w‖ (measured within 2ε relative; tolerance 4ε).
      expect(r.state.loss).toBe(r.loss);
      expect(Math.abs(r.state.phi - ref.phi), where).toBeLessThanOrEqual(4 * EPS);
      const aa = Array.from(a).reduce((s, x, j) => s + x * t.aStar[j], 0);
      expect(Math.abs(r.state.aDotAStar - aa), where).toBeLessThanOrEqual(4 * EPS * norm(a) * norm(t.aStar));
      const normU = norm(Array.from(w, (x) => x + t.e));
      expect(Math.abs(r.state.normU - normU), where).toBeLessThanOrEqual(4 * EPS * normU);
    }
  });

  it('should give L = 0 and zero gradients at the global optimum (w*, a*) (D5)', () => {
    const t = makeTeacher(Float64Array.of(0.2, -0.4), Float64Array.of(0.7, -1.1, 0.4));
    const r = call(populationOracle(t), t, Float64Array.from(t.wStar), Float64Array.from(t.aStar));
    expect(r.loss).toBe(0);
    // Exactly zero (either sign of zero).
    expect(Array.from(r.gradW).every((g) => g === 0), `∇_w L = ${r.gradW}`).toBe(true);
    expect(Array.from(r.gradA).every((g) => g === 0), `∇_a L = ${r.gradA}`).toBe(true);
  });

  it('should carry its teacher and be recognised by isPopulationOracleOf for that teacher', () => {
    const t = makeTeacher(Float64Array.of(0.1, 0.3), Float64Array.of(1, -2));
    const oracle = populationOracle(t);
    expect(oracle.populationTeacher).toBe(t);
    expect(isPopulationOracleOf(oracle, t)).toBe(true);
  });

  it('should not recognise another teacher’s oracle (even with equal values) nor any other function', () => {
    const t = makeTeacher(Float64Array.of(0.1, 0.3), Float64Array.of(1, -2));
    const twin = makeTeacher(Float64Array.of(0.1, 0.3), Float64Array.of(1, -2));
    expect(isPopulationOracleOf(populationOracle(twin), t)).toBe(false);
    expect(isPopulationOracleOf(populationOracle(t), twin)).toBe(false);
    const plain: GradientOracle = (w, a, gradW, gradA, state) => populationOracle(t)(w, a, gradW, gradA, state, 0);
    expect(isPopulationOracleOf(plain, t)).toBe(false);
    expect(isPopulationOracleOf(stochasticOracle(t, 4, new Rng(1)), t)).toBe(false);
  });
});

describe('stochasticOracle: the gradient of a fresh batch loss (THEORY.md §7 P4)', () => {
  it('should return the population loss and state at (w, a), not the batch loss', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const { t, w, a } = randomProblem(rng, 1 + (trial % 4), 1 + (trial % 3));
      const sgd = call(stochasticOracle(t, 8, new Rng(trial)), t, w, a);
      const gd = call(populationOracle(t), t, w, a);
      // The same population loss, whatever the batch: the closed form's value (above).
      expect(sgd.loss).toBe(gd.loss);
      expect(sgd.state).toEqual(gd.state);
    }
  });

  it('should write the exact batch-loss gradient of a fresh batch from its stream at every step', () => {
    const rng = new Rng(8);
    const { t, w, a } = randomProblem(rng, 3, 4);
    const B = 5;
    const seed = 99;
    const oracle = stochasticOracle(t, B, new Rng(seed));
    // The same seed gives the same batches, in order (src/model/gaussian-batch.ts).
    const twin = new Rng(seed);
    let previous: Float64Array | undefined;
    for (let step = 0; step < 4; step++) {
      const r = call(oracle, t, w, a, step);
      const batch = gaussianBatch(twin, B, t.k, t.p);
      const gW = new Float64Array(t.p);
      const gA = new Float64Array(t.k);
      batchLossAndGradient(t, batch, w, a, gW, gA);
      expect(Array.from(r.gradW), `step ${step}: ∇_w L_B`).toEqual(Array.from(gW));
      expect(Array.from(r.gradA), `step ${step}: ∇_a L_B`).toEqual(Array.from(gA));
      // A fresh batch each step: the gradient at the same (w, a) changes.
      if (previous !== undefined) expect(Array.from(r.gradA)).not.toEqual(Array.from(previous));
      previous = r.gradA;
    }
  });

  it('should be unbiased: the mean of its gradients approaches ∇L (5 standard errors)', () => {
    const rng = new Rng(9);
    const { t, w, a } = randomProblem(rng, 3, 4);
    const oracle = stochasticOracle(t, 8, new Rng(10));
    const N = 2000;
    const d = t.p + t.k;
    const sum = new Float64Array(d);
    const sumSq = new Float64Array(d);
    for (let step = 0; step < N; step++) {
      const r = call(oracle, t, w, a, step);
      for (let i = 0; i < d; i++) {
        const g = i < t.p ? r.gradW[i] : r.gradA[i - t.p];
        sum[i] += g;
        sumSq[i] += g * g;
      }
    }
    const exact = call(populationOracle(t), t, w, a);
    for (let i = 0; i < d; i++) {
      const mean = sum[i] / N;
      const sd = Math.sqrt((sumSq[i] / N - mean * mean) * (N / (N - 1)));
      const target = i < t.p ? exact.gradW[i] : exact.gradA[i - t.p];
      // E ∇L_B = ∇L (src/model/sample-model.ts); the mean of N = 2000 i.i.d. gradients is within
      // 5 standard errors with probability 1 − 6e-7 per component (fixed seed).
      expect(Math.abs(mean - target), `component ${i}: mean ${mean}, ∇L ${target}, sd ${sd}`).toBeLessThan((5 * sd) / Math.sqrt(N));
    }
  });
});

describe('gradientDescent: full-batch GD on the closed form', () => {
  it('should follow w ← w − η_w ∇_w L, a ← a − η_a ∇_a L (against naive GD, 20 steps)', () => {
    const rng = new Rng(123);
    for (let trial = 0; trial < 100; trial++) {
      const p = 1 + (trial % 6);
      const k = 1 + ((trial * 7) % 5);
      const { t } = randomProblem(rng, p, k);
      const etaA = (2 * Math.PI) / (Math.PI - 1 + k);
      const etaW = etaA * (trial % 2 === 0 ? 1 : 0.1);
      const w0 = new Float64Array(p);
      const a0 = rng.fillNormal(new Float64Array(k)).map((v) => v / Math.sqrt(k));
      const res = gradientDescent({ teacher: t, w0, a0, etaW, etaA, steps: 20 });
      const ref = naiveGd({ ...naiveOf(t), w0: Array.from(w0), a0: Array.from(a0), etaW, etaA, steps: 20 });
      expect(res.steps, `trial ${trial}`).toBe(ref.steps);
      // Measured over 500 problems: max entry difference ≤ 2.2e-15·(1 + ‖a*‖) after 20 steps;
      // tolerance 1e-14·(1 + ‖a*‖).
      const tol = 1e-14 * (1 + Math.sqrt(t.aStarNormSq));
      for (let i = 0; i < p; i++) expect(Math.abs(res.w[i] - ref.w[i]), `trial ${trial}: w_${i}`).toBeLessThanOrEqual(tol);
      for (let j = 0; j < k; j++) expect(Math.abs(res.a[j] - ref.a[j]), `trial ${trial}: a_${j}`).toBeLessThanOrEqual(tol);
    }
  });

  it('should end at once at a floating-point fixed point and report all T = 2⁴⁰ updates', () => {
    const t = makeTeacher(Float64Array.of(0.2, -0.4, 0.1), Float64Array.of(0.7, -1.1));
    const T = 2 ** 40;
    const cases = [
      // η_w = η_a = 0: every update leaves (w, a) unchanged.
      { w0: Float64Array.of(0.3, 0.1, -0.2), a0: Float64Array.of(0.5, 0.5), etaW: 0, etaA: 0, lossTarget: undefined },
      // The global optimum (w*, a*): ∇L = 0 exactly; a negative loss target keeps L = 0 from stopping it.
      { w0: Float64Array.from(t.wStar), a0: Float64Array.from(t.aStar), etaW: 1, etaA: 1, lossTarget: -1 },
    ];
    for (const c of cases) {
      const res = gradientDescent({ teacher: t, steps: T, ...c });
      expect(res.steps).toBe(T);
      expect(Array.from(res.w)).toEqual(Array.from(c.w0));
      expect(Array.from(res.a)).toEqual(Array.from(c.a0));
      // The same result as running the updates one by one (here 50 of them, all no-ops).
      const generic = runDescent({ teacher: t, steps: 50, ...c }, (w, a, gW, gA, s) => populationOracle(t)(w, a, gW, gA, s, 0));
      expect(res.loss).toBe(generic.loss);
      expect(res.phi).toBe(generic.phi);
      expect(res.outcome).toBe(generic.outcome);
    }
  });
});
