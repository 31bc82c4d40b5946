/**
 * One trial of protocol P1 (THEORY.md §7, success rate):
 *
 *   teacher   a* ~ N(0, I_k),  w* = s·ξ/√p,  ξ ~ N(0, I_p)                  (protocolTeacher)
 *   a_0       uniform in B(0, |1ᵀa*|/√k) ("ball"), or N(0, I/k) ("gaussian", rebuttal l. 15–16)
 *   w_0       0 ("resnet"), or u − e with u uniform on S^{p−1} ("cnn")
 *   steps     η_a = α·2π/(π−1+k),  η_w = β·η_a, optional η_w schedule;
 *             GD for at most T = 20000 steps, early stop at L ≤ 1e-12; outcome of §7.
 *
 * A trial is a pure function of (cell, seed, cellIndex, trial): its draws come from three streams
 * Rng.derived(seed, cellIndex, trial, j), j = 0 teacher, 1 a_0, 2 w_0. Hence two cells with the same
 * (p, k, s) and the same cellIndex see the same teacher; if they also share the a-init they see the
 * same a_0, and if they share the w-init the same w_0. Paired comparisons (two schedules, two β,
 * two a-inits on one teacher) call this with the same cellIndex for both arms.
 */
import type { TrainSpec } from '../io/train-spec.ts';
import { dot2 } from '../model/compensated-sum.ts';
import { makeTeacher } from '../model/teacher.ts';
import type { DescentSpec } from '../optim/descent.ts';
import { gradientDescent } from '../optim/gradient-descent.ts';
import type { Outcome } from '../optim/outcome.ts';
import type { Schedule } from '../optim/schedule.ts';
import { Rng } from '../random/rng.ts';
import { ballRadius, cnnInitW, gaussianScaledInit, protocolTeacher, uniformInBall } from '../theory/initialization.ts';
import { spuriousLoss } from '../theory/stationary-points.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';

/** P1's horizon T. */
export const P1_STEPS = 20_000;

export type AInit = 'ball' | 'gaussian';
export type WInit = 'resnet' | 'cnn';

/** One cell of the P1 grid. */
export interface P1Cell {
  readonly p: number;
  readonly k: number;
  /** The teacher's scale s in w* = s·ξ/√p. */
  readonly s: number;
  readonly alpha: number;
  readonly beta: number;
  readonly aInit: AInit;
  readonly wInit: WInit;
  /** η_w schedule (constant when absent). */
  readonly schedule?: Schedule;
  /** T (default {@link P1_STEPS}). */
  readonly steps?: number;
}

/** What a trial reports. */
export interface P1Trial {
  readonly outcome: Outcome;
  /** Updates performed (< T when the loss target was reached). */
  readonly steps: number;
  /** L(w_T, a_T) and φ_T (NaN when diverged). */
  readonly loss: number;
  readonly phi: number;
  /** a_0ᵀa*. */
  readonly a0DotAStar: number;
  /** L_sp of this teacher (D5). */
  readonly spuriousLoss: number;
}

function checkCell(cell: P1Cell): void {
  for (const [name, n] of [['p', cell.p], ['k', cell.k]] as const) {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`P1 cell: ${name} must be a positive integer (got ${n})`);
  }
  for (const [name, x] of [['s', cell.s], ['alpha', cell.alpha], ['beta', cell.beta]] as const) {
    if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`P1 cell: ${name} must be finite and > 0 (got ${x})`);
  }
}

/** The GD problem of trial (seed, cellIndex, trial) of the cell: teacher, (w_0, a_0), steps, schedule. */
export function p1Problem(cell: P1Cell, seed: number, cellIndex: number, trial: number): DescentSpec {
  checkCell(cell);
  const { wStar, aStar } = protocolTeacher(Rng.derived(seed, cellIndex, trial, 0), cell.p, cell.k, cell.s);
  const teacher = makeTeacher(wStar, aStar);
  const aRng = Rng.derived(seed, cellIndex, trial, 1);
  const a0 =
    cell.aInit === 'ball'
      ? uniformInBall(aRng, cell.k, ballRadius(teacher.aStarSum, cell.k))
      : gaussianScaledInit(aRng, cell.k);
  const w0 = cell.wInit === 'resnet' ? new Float64Array(cell.p) : cnnInitW(Rng.derived(seed, cellIndex, trial, 2), cell.p);
  const { etaA, etaW } = protocolStepSizes(cell.k, cell.alpha, cell.beta);
  return { teacher, w0, a0, etaA, etaW, steps: cell.steps ?? P1_STEPS, schedule: cell.schedule };
}

/** Runs trial (seed, cellIndex, trial) of the cell. */
export function p1Trial(cell: P1Cell, seed: number, cellIndex: number, trial: number): P1Trial {
  const problem = p1Problem(cell, seed, cellIndex, trial);
  const t = problem.teacher;
  const result = gradientDescent(problem);
  return {
    outcome: result.outcome,
    steps: result.steps,
    loss: result.loss,
    phi: result.phi,
    a0DotAStar: dot2(problem.a0, t.aStar),
    spuriousLoss: spuriousLoss(t.k, t.aStarNormSq, t.aStarSum),
  };
}

/**
 * Trials 0 … trials − 1 of every arm at one cellIndex: result[arm][trial]. Arms that differ only in
 * α, β, schedule or T are paired trial by trial (same teacher, same (w_0, a_0)).
 */
export function p1Arms(arms: readonly P1Cell[], seed: number, cellIndex: number, trials: number): P1Trial[][] {
  if (!Number.isSafeInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive integer (got ${trials})`);
  return arms.map((arm) => Array.from({ length: trials }, (_, i) => p1Trial(arm, seed, cellIndex, i)));
}

/** The `train` spec that replays trial (seed, cellIndex, trial) of the cell (for counterexamples). */
export function p1TrainSpec(cell: P1Cell, seed: number, cellIndex: number, trial: number): TrainSpec {
  const problem = p1Problem(cell, seed, cellIndex, trial);
  const t = problem.teacher;
  return {
    p: t.p,
    k: t.k,
    w0: Array.from(problem.w0),
    a0: Array.from(problem.a0),
    wStar: Array.from(t.wStar),
    aStar: Array.from(t.aStar),
    etaW: problem.etaW,
    etaA: problem.etaA,
    steps: problem.steps,
    ...(problem.schedule === undefined ? {} : { schedule: problem.schedule }),
  };
}
