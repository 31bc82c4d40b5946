/**
 * Simultaneous (stochastic) gradient descent on (w, a) (THEORY.md §7 "Common"):
 *
 *   w_{t+1} = w_t − η_w(t) · ĝ_w(w_t, a_t),   a_{t+1} = a_t − η_a · ĝ_a(w_t, a_t),
 *
 * where ĝ is the closed-form population gradient (GD) or a mini-batch gradient (SGD); see
 * {@link ./gradient-oracle.ts}. Stops early once the population loss L(w_t, a_t) ≤ `lossTarget`
 * (default 1e-12); a run whose iterates stop being finite ends as `diverged`. The step loop
 * allocates nothing (trajectory recording excepted).
 *
 * With the closed-form oracle the loop runs fused steps: the update of step t and the sums of the
 * iterate t + 1 share one pass over the vectors. Where plain arithmetic is accurate enough (φ and
 * π − φ at least 1/4, ‖e + w‖ at least 1/2, aᵀa* not cancelling: ../model/plain-descent-step.ts)
 * a step is plain (one pass over w and one over a); elsewhere it is the cancellation-free kernel
 * of ../model/population-loss.ts, whose numbers are exactly those of the oracle followed by the
 * update. Recorded points and the final state are always evaluated by that kernel.
 * test/optim/descent-fused.test.ts compares the fused path with the oracle's.
 *
 * Exact early exit: with a deterministic oracle (GD) and a settled schedule, an update that leaves
 * every entry of (w, a) bitwise unchanged makes every later update a no-op, so the loop ends there
 * and reports T steps — the result is bit for bit that of running all T steps. Not taken while
 * recording.
 *
 * Certified early exit (opt-in, for the experiment protocols only — never for `train`, whose final
 * state must be exact): a {@link SettleCheck} may prove that the outcome at step T is already
 * decided; the run then ends at the current step with that outcome and `settledAt` set. The proof
 * is the check's (see ../experiments/p1-trial.ts).
 */
import {
  assertShapes,
  descentStep,
  evaluateSums,
  lossAndGradient,
  newIterateSums,
  newLossState,
  STEP_CHANGED,
  STEP_NONFINITE_SUMS,
  sumIterate,
  type LossState,
} from '../model/population-loss.ts';
import { newPlainSums, plainDescentStep, plainEvaluate, plainSumIterate } from '../model/plain-descent-step.ts';
import type { Teacher } from '../model/teacher.ts';
import { isPopulationOracleOf, type GradientOracle } from './gradient-oracle.ts';
import { classifyOutcome, type Outcome } from './outcome.ts';
import { CONSTANT, firstLayerStep, scheduleSettled, type Schedule } from './schedule.ts';

export const DEFAULT_LOSS_TARGET = 1e-12;

export interface RecordOptions {
  /** Record every n-th step (n ≥ 1); step 0 and the final state are always recorded. */
  readonly every: number;
  /** Also record w and a (costly: O(k + p) per record). */
  readonly vectors?: boolean;
}

export interface DescentSpec {
  readonly teacher: Teacher;
  readonly w0: Float64Array;
  readonly a0: Float64Array;
  readonly etaW: number;
  readonly etaA: number;
  /** The maximum number of updates T. */
  readonly steps: number;
  readonly schedule?: Schedule;
  readonly lossTarget?: number;
  readonly record?: RecordOptions;
}

export interface TrajectoryPoint {
  step: number;
  loss: number;
  phi: number;
  aDotAStar: number;
  normU: number;
  w?: number[];
  a?: number[];
}

export interface DescentResult {
  readonly w: Float64Array;
  readonly a: Float64Array;
  /** Updates performed. */
  readonly steps: number;
  /** Population loss, φ, aᵀa*, ‖e + w‖ at the final iterate. */
  readonly loss: number;
  readonly phi: number;
  readonly aDotAStar: number;
  readonly normU: number;
  readonly outcome: Outcome;
  /** The step at which a {@link SettleCheck} decided the outcome (the run ended there). */
  readonly settledAt?: number;
  readonly trajectory?: TrajectoryPoint[];
}

/**
 * A certificate for the outcome at step T: given the state at the current iterate (w, a) — the
 * step size η_w no longer changing — it returns the outcome every continuation to T must end
 * with, or undefined when it cannot tell. It must not modify its arguments.
 */
export type SettleCheck = (state: LossState, w: Float64Array, a: Float64Array, step: number) => Outcome | undefined;

/** A {@link SettleCheck} is consulted every this many steps (its cost stays small next to a step). */
export const SETTLE_PERIOD = 4;

function snapshot(step: number, s: LossState, w: Float64Array, a: Float64Array, vectors: boolean): TrajectoryPoint {
  const point: TrajectoryPoint = { step, loss: s.loss, phi: s.phi, aDotAStar: s.aDotAStar, normU: s.normU };
  if (vectors) {
    point.w = Array.from(w);
    point.a = Array.from(a);
  }
  return point;
}

function aDistance(a: Float64Array, aStar: Float64Array): number {
  let sq = 0;
  for (let j = 0; j < a.length; j++) sq += (a[j] - aStar[j]) ** 2;
  return Math.sqrt(sq);
}

/** Σ w_i + Σ a_j, in this order: not finite iff the update left the finite doubles. */
function entrySum(w: Float64Array, a: Float64Array): number {
  let check = 0;
  for (let i = 0; i < w.length; i++) check += w[i];
  for (let j = 0; j < a.length; j++) check += a[j];
  return check;
}

/** The update with an oracle's gradients; returns STEP_CHANGED and STEP_NONFINITE_SUMS flags. */
function applyUpdate(w: Float64Array, a: Float64Array, gradW: Float64Array, gradA: Float64Array, etaW: number, etaA: number): number {
  let check = 0;
  let changed = 0; // an integer flag, for the reason given at descentStep
  for (let i = 0; i < w.length; i++) {
    const before = w[i];
    const wi = before - etaW * gradW[i];
    w[i] = wi;
    check += wi;
    changed |= wi !== before ? 1 : 0;
  }
  for (let j = 0; j < a.length; j++) {
    const before = a[j];
    const aj = before - etaA * gradA[j];
    a[j] = aj;
    check += aj;
    changed |= aj !== before ? 1 : 0;
  }
  return (changed !== 0 ? STEP_CHANGED : 0) | (Number.isFinite(check) ? 0 : STEP_NONFINITE_SUMS);
}

/**
 * Runs descent with the given gradient oracle; `deterministic` (the oracle is a function of (w, a)
 * alone, as GD's is) enables the exact early exit at a floating-point fixed point, and `settle`
 * the certified early exit.
 */
export function runDescent(
  spec: DescentSpec,
  oracle: GradientOracle,
  deterministic = false,
  settle?: SettleCheck,
): DescentResult {
  const t = spec.teacher;
  const schedule = spec.schedule ?? CONSTANT;
  const target = spec.lossTarget ?? DEFAULT_LOSS_TARGET;
  const w = Float64Array.from(spec.w0);
  const a = Float64Array.from(spec.a0);
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  const every = spec.record?.every ?? 0;
  const vectors = spec.record?.vectors === true;
  const trajectory: TrajectoryPoint[] | undefined = every > 0 ? [] : undefined;
  const etaA = spec.etaA;
  const fused = spec.steps > 0 && isPopulationOracleOf(oracle, t); // (T = 0: only the final evaluation)
  const sums = newIterateSums();
  const plain = newPlainSums();
  // Fused steps: `plain` always holds the plain sums of the current iterate; `sums` holds its
  // cancellation-free sums when `accurateValid` (after a step of that kernel).
  let usePlain = 0; // 0/1 rather than a boolean merged from branches (V8 keeps it unboxed either way)
  let accurateValid = 0;
  const recordState = newLossState();
  if (fused) {
    assertShapes(t, w, a, gradW, gradA);
    plainSumIterate(t, w, a, plain);
    sums.etaA = etaA;
    plain.etaA = etaA;
  }
  let diverged = false;
  let settled: Outcome | undefined;
  let step = 0;
  for (; step < spec.steps; step++) {
    // The loss passes through `state.loss` (which the oracle fills too): a double assigned in
    // either arm of a branch would be boxed by V8 on every step.
    if (fused) {
      usePlain = plainEvaluate(t, plain, state) ? 1 : 0;
      if (usePlain === 0) {
        if (accurateValid === 0) sumIterate(t, w, a, sums);
        evaluateSums(t, w, sums, state);
        accurateValid = 1;
      }
    } else {
      state.loss = oracle(w, a, gradW, gradA, state, step);
    }
    const loss = state.loss;
    // A diverged step is not recorded: the trajectory holds finite points only, and the outcome says
    // where the run diverged.
    if (!Number.isFinite(loss)) {
      diverged = true;
      break;
    }
    if (trajectory !== undefined && step % every === 0) {
      if (usePlain === 1) {
        // A recorded point holds the cancellation-free kernel's values, whichever step follows.
        sumIterate(t, w, a, sums);
        evaluateSums(t, w, sums, recordState);
        trajectory.push(snapshot(step, recordState, w, a, vectors));
      } else {
        trajectory.push(snapshot(step, state, w, a, vectors));
      }
    }
    if (loss <= target) break;
    if (settle !== undefined && step % SETTLE_PERIOD === 0 && scheduleSettled(schedule, step)) {
      settled = settle(state, w, a, step);
      if (settled !== undefined) break;
    }
    let flags: number;
    if (fused) {
      // η_w(t) = η_w once the schedule has settled; the separate stores keep V8 from boxing η_w,
      // which it does on every step for the merged result of firstLayerStep's three cases.
      if (scheduleSettled(schedule, step)) sums.etaW = spec.etaW;
      else sums.etaW = firstLayerStep(schedule, spec.etaW, step);
      if (usePlain === 1) {
        plain.etaW = sums.etaW;
        flags = plainDescentStep(t, w, a, plain);
        accurateValid = 0;
      } else {
        flags = descentStep(t, w, a, sums, state);
        plainSumIterate(t, w, a, plain);
      }
    } else {
      flags = applyUpdate(w, a, gradW, gradA, firstLayerStep(schedule, spec.etaW, step), etaA);
    }
    if ((flags & STEP_NONFINITE_SUMS) !== 0 && !Number.isFinite(entrySum(w, a))) {
      diverged = true;
      step++;
      break;
    }
    if ((flags & STEP_CHANGED) === 0 && deterministic && trajectory === undefined && scheduleSettled(schedule, step)) {
      step = spec.steps; // every remaining update is a no-op
      break;
    }
  }
  if (!diverged) {
    try {
      lossAndGradient(t, w, a, gradW, gradA, state);
    } catch {
      diverged = true; // e + w left the representable range
    }
    diverged ||= !Number.isFinite(state.loss);
  }
  if (trajectory !== undefined && !diverged && trajectory[trajectory.length - 1]?.step !== step) {
    trajectory.push(snapshot(step, state, w, a, vectors));
  }
  const outcome: Outcome = diverged
    ? 'diverged'
    : (settled ?? classifyOutcome(state.phi, aDistance(a, t.aStar), Math.sqrt(t.aStarNormSq)));
  return {
    w,
    a,
    steps: step,
    loss: diverged ? NaN : state.loss,
    phi: diverged ? NaN : state.phi,
    aDotAStar: diverged ? NaN : state.aDotAStar,
    normU: diverged ? NaN : state.normU,
    outcome,
    ...(settled === undefined ? {} : { settledAt: step }),
    trajectory,
  };
}
