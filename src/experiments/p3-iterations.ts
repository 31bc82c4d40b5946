/**
 * Protocol P3 (THEORY.md §7), iteration complexity behind "GD converge to the global optimum in
 * polynomial time" (rebuttal l. 56–58): k = p, P1's teacher with s = 0.5 (a* ~ N(0, I_k),
 * w* = s·ξ/√p), w_0 = 0, a_0 uniform in the ball B(0, |1ᵀa*|/√k), α = β = 1, and
 *
 *   steps(k) = min{ t : L(w_t, a_t) ≤ 10⁻⁸ · L(w_0, a_0) },
 *
 * run to a horizon T(k) (GD stops at the target). A trial is a pure function of (seed, k, trial):
 * teacher and start are drawn from Rng.derived(seed, k, trial).
 */
import { evaluate } from '../model/population-loss.ts';
import { makeTeacher } from '../model/teacher.ts';
import type { TrainSpec } from '../io/train-spec.ts';
import type { DescentSpec } from '../optim/descent.ts';
import { gradientDescent } from '../optim/gradient-descent.ts';
import type { Outcome } from '../optim/outcome.ts';
import { Rng } from '../random/rng.ts';
import { ballRadius, protocolTeacher, uniformInBall } from '../theory/initialization.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';

export interface P3Options {
  readonly scale: number;
  readonly alpha: number;
  readonly beta: number;
  /** The target L ≤ relativeTarget · L(w_0, a_0). */
  readonly relativeTarget: number;
  /** The horizon T(k). */
  readonly horizon: (k: number) => number;
}

/** T(k) = 1000·k: a degree-1 polynomial budget (the observed medians are about 4·k). */
export function p3Horizon(k: number): number {
  return 1000 * k;
}

export const P3_DEFAULTS: P3Options = { scale: 0.5, alpha: 1, beta: 1, relativeTarget: 1e-8, horizon: p3Horizon };

export interface P3Trial {
  readonly k: number;
  readonly trial: number;
  /** Updates performed (the steps to the target when `reached`). */
  readonly steps: number;
  readonly reached: boolean;
  readonly outcome: Outcome;
  readonly loss0: number;
  readonly loss: number;
}

/** The GD problem of a P3 trial (teacher and start drawn from Rng.derived(seed, k, trial)). */
export function p3Problem(seed: number, k: number, trial: number, o: P3Options = P3_DEFAULTS): DescentSpec {
  const rng = Rng.derived(seed, k, trial);
  const { wStar, aStar } = protocolTeacher(rng, k, k, o.scale);
  const teacher = makeTeacher(wStar, aStar);
  const a0 = uniformInBall(rng, k, ballRadius(teacher.aStarSum, k));
  const { etaA, etaW } = protocolStepSizes(k, o.alpha, o.beta);
  return { teacher, w0: new Float64Array(k), a0, etaA, etaW, steps: o.horizon(k) };
}

/** The `train` spec replaying a P3 trial (to its horizon; `train` stops at L ≤ 1e-12). */
export function p3TrainSpec(seed: number, k: number, trial: number, o: P3Options = P3_DEFAULTS): TrainSpec {
  const d = p3Problem(seed, k, trial, o);
  return {
    p: d.teacher.p,
    k: d.teacher.k,
    w0: Array.from(d.w0),
    a0: Array.from(d.a0),
    wStar: Array.from(d.teacher.wStar),
    aStar: Array.from(d.teacher.aStar),
    etaW: d.etaW,
    etaA: d.etaA,
    steps: d.steps,
  };
}

/** One P3 trial. */
export function p3Trial(seed: number, k: number, trial: number, o: P3Options = P3_DEFAULTS): P3Trial {
  const problem = p3Problem(seed, k, trial, o);
  const loss0 = evaluate(problem.teacher, problem.w0, problem.a0).loss;
  const target = o.relativeTarget * loss0;
  const r = gradientDescent({ ...problem, lossTarget: target });
  return { k, trial, steps: r.steps, reached: r.loss <= target, outcome: r.outcome, loss0, loss: r.loss };
}
