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
 * Exact early exit: with a deterministic oracle (GD) and a settled schedule, an update that leaves
 * every entry of (w, a) bitwise unchanged makes every later update a no-op, so the loop ends there
 * and reports T steps — the result is bit for bit that of running all T steps. (Runs trapped at the
 * spurious point reach such a floating-point fixed point long before T.) Not taken while recording.
 */
import { lossAndGradient, newLossState, type LossState } from '../model/population-loss.ts';
import type { Teacher } from '../model/teacher.ts';
import { classifyOutcome, type Outcome } from './outcome.ts';
import { CONSTANT, firstLayerStep, scheduleSettled, type Schedule } from './schedule.ts';
import type { GradientOracle } from './gradient-oracle.ts';

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
  readonly trajectory?: TrajectoryPoint[];
}

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

/**
 * Runs descent with the given gradient oracle; `deterministic` (the oracle is a function of (w, a)
 * alone, as GD's is) enables the exact early exit at a floating-point fixed point.
 */
export function runDescent(spec: DescentSpec, oracle: GradientOracle, deterministic = false): DescentResult {
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
  let diverged = false;
  let step = 0;
  for (; step < spec.steps; step++) {
    const loss = oracle(w, a, gradW, gradA, state, step);
    if (trajectory !== undefined && step % every === 0) trajectory.push(snapshot(step, state, w, a, vectors));
    if (!Number.isFinite(loss)) {
      diverged = true;
      break;
    }
    if (loss <= target) break;
    const etaW = firstLayerStep(schedule, spec.etaW, step);
    let check = 0;
    let changed = false;
    for (let i = 0; i < w.length; i++) {
      const before = w[i];
      const wi = before - etaW * gradW[i];
      w[i] = wi;
      check += wi;
      changed ||= wi !== before;
    }
    for (let j = 0; j < a.length; j++) {
      const before = a[j];
      const aj = before - etaA * gradA[j];
      a[j] = aj;
      check += aj;
      changed ||= aj !== before;
    }
    if (!Number.isFinite(check)) {
      diverged = true;
      step++;
      break;
    }
    if (!changed && deterministic && trajectory === undefined && scheduleSettled(schedule, step)) {
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
    : classifyOutcome(state.phi, aDistance(a, t.aStar), Math.sqrt(t.aStarNormSq));
  return {
    w,
    a,
    steps: step,
    loss: diverged ? NaN : state.loss,
    phi: diverged ? NaN : state.phi,
    aDotAStar: diverged ? NaN : state.aDotAStar,
    normU: diverged ? NaN : state.normU,
    outcome,
    trajectory,
  };
}
