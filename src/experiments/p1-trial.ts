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
 *
 * ## Certified early exit (opt-in: `{ certify: true }`)
 *
 * A run that ends spurious creeps towards φ = π only sublinearly (∇_w L vanishes like (π − φ)² there),
 * so it would run all T steps. {@link spuriousCertificate} proves, from the current iterate, that the
 * run must end spurious at T, and the trial stops there. Its outcome and `steps` are those of the
 * full run (steps = T: the proof also shows the loss target cannot be reached); only `loss` and
 * `phi` are then those of the iterate where it stopped (`certified` says so). Claims that read the
 * final loss (e.g. the distance to L_sp) must not use it.
 */
import type { TrainSpec } from '../io/train-spec.ts';
import { gFromComplement } from '../model/angle-functions.ts';
import { dot2 } from '../model/compensated-sum.ts';
import { makeTeacher } from '../model/teacher.ts';
import { DEFAULT_LOSS_TARGET, runDescent, type DescentSpec, type SettleCheck } from '../optim/descent.ts';
import { populationOracle } from '../optim/gradient-oracle.ts';
import { SPURIOUS_PHI, type Outcome } from '../optim/outcome.ts';
import type { Schedule } from '../optim/schedule.ts';
import { Rng } from '../random/rng.ts';
import { aContractionFactor } from '../theory/a-fixed-point.ts';
import { ballRadius, cnnInitW, gaussianScaledInit, protocolTeacher, uniformInBall } from '../theory/initialization.ts';
import { spuriousA, spuriousLoss } from '../theory/stationary-points.ts';
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
  /** L(w_T, a_T) and φ_T (NaN when diverged); at the iterate where it stopped when `certified`. */
  readonly loss: number;
  readonly phi: number;
  /** Whether the outcome was certified early ({@link spuriousCertificate}). */
  readonly certified: boolean;
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

/** How a trial is run. */
export interface P1TrialOptions {
  /** Stop once {@link spuriousCertificate} proves the outcome (default false). */
  readonly certify?: boolean;
}

/** Runs trial (seed, cellIndex, trial) of the cell. */
export function p1Trial(cell: P1Cell, seed: number, cellIndex: number, trial: number, options: P1TrialOptions = {}): P1Trial {
  const problem = p1Problem(cell, seed, cellIndex, trial);
  const t = problem.teacher;
  const settle = options.certify === true ? spuriousCertificate(problem) : undefined;
  const result = runDescent(problem, populationOracle(t), true, settle);
  const certified = result.settledAt !== undefined;
  return {
    outcome: result.outcome,
    steps: certified ? problem.steps : result.steps,
    loss: result.loss,
    phi: result.phi,
    certified,
    a0DotAStar: dot2(problem.a0, t.aStar),
    spuriousLoss: spuriousLoss(t.k, t.aStarNormSq, t.aStarSum),
  };
}

/** The certificate's bound on π − φ: the spurious region of THEORY.md §7 is π − φ < 0.1. */
const CERTIFIED_PI_MINUS_PHI = 0.09;
/** π − φ_T < 0.1 (outcome.ts's SPURIOUS_PHI = π − 0.1). */
const SPURIOUS_PI_MINUS_PHI = Math.PI - SPURIOUS_PHI;

/**
 * min over a of L(w, a) at an angle φ with g = g(φ) (D4's quadratic in a at its minimiser):
 *
 *   L_min(g) = (π − g)/(4π) · [ c₁² (π + g − 2 + 2k)/(π − 1 + k) + c⊥² (π + g − 2)/(π − 1) ],
 *
 * with c₁² = (1ᵀa*)²/k and c⊥² = ‖a*‖² − c₁² (the parts of a* along 1 and across it; A and B(φ)
 * act on them by their eigenvalues). L_min(0) = L_sp of D5.
 */
export function minimumLossAtAngle(g: number, k: number, aStarNormSq: number, aStarSum: number): number {
  const along = (aStarSum * aStarSum) / k;
  const across = Math.max(0, aStarNormSq - along);
  const pi = Math.PI;
  return ((pi - g) / (4 * pi)) * ((along * (pi + g - 2 + 2 * k)) / (pi - 1 + k) + (across * (pi + g - 2)) / (pi - 1));
}

/**
 * A proof that GD ends **spurious** at T (φ_T > π − 0.1, THEORY.md §7), checked at an iterate
 * (w_t, a_t) once η_w is constant; undefined when the proof does not apply to the problem.
 *
 * Write ψ = π − φ, a_sp = a(π) (D4, D5), c_sp = a_spᵀa*, M = I − η_a A with ‖M‖ = ρ_a (D8), and
 * q(ψ) = sin ψ − ψ cos ψ = g(π − ψ), increasing on [0, π]. Let r = max(‖a_t − a_sp‖, r_min) with
 * r_min = 2b/(1 − ρ_a), b = η_a q(0.1) ‖a*‖/(2π). The check succeeds when
 *
 *   (i)   ψ_t ≤ ψ_c = 0.09,
 *   (ii)  c_sp + r‖a*‖ ≤ c_sp / 2 < 0          (aᵀa* < 0 on the ball B(a_sp, r)),
 *   (iii) η_w (|c_sp| + r‖a*‖) ψ_c / (2π‖e + w_t‖²) ≤ 1/2,
 *   (iv)  ρ_a < 1 and min(L_min(0), L_min(q(0.1))) > the loss target.
 *
 * Then S = {ψ ≤ ψ_c, ‖a − a_sp‖ ≤ r} is invariant, by induction over the steps s ≥ t:
 * - a-block: ∇_a L = A(a − a(φ)) and A(a(φ) − a_sp) = (g(φ)/2π) a*, so
 *   a_{s+1} − a_sp = M(a_s − a_sp) + η_a (g(φ_s)/2π) a*, and with g(φ_s) = q(ψ_s) ≤ q(0.1),
 *   ‖a_{s+1} − a_sp‖ ≤ ρ_a r + b ≤ r − b (as r ≥ r_min): the ball is kept, with slack b.
 * - w-block: ∇_w L = −(aᵀa*)ψ/(2π‖u‖)·(v* − cos φ·v), and v* − cos φ·v ⟂ v has norm sin ψ. With
 *   aᵀa* < 0 (ii) the step moves u = e + w in the plane of (v, v*) away from v*, turning it by
 *   θ = atan(λ sin ψ/‖u‖), λ = η_w|aᵀa*|ψ/(2π‖u‖), so ψ_{s+1} = |ψ_s − θ| ≤ max(ψ_s, θ). And
 *   θ ≤ η_w|aᵀa*|ψ_c²/(2π‖u_s‖²) ≤ ψ_c/2 by (iii), since ‖u_s‖ ≥ ‖u_t‖ (D2: the norm never shrinks).
 * So ψ_T ≤ ψ_c < 0.1 and the outcome is spurious — the global test needs φ_T < 0.01, and nothing
 * diverges (a stays in the ball; ‖u‖ grows by at most η_w‖∇_w L‖ per step). The loss target is
 * never reached: L ≥ L_min(g(φ)), which is
 * concave in g, hence ≥ min(L_min(0), L_min(q(0.1))) on S (iv); so the full run would take all T
 * steps. Floating point: each step's rounding (~1e-16 relative) is dwarfed by the slacks (b in the
 * a-block, the factor 1/2 in (iii), 0.01 between ψ_c and 0.1) even when summed over T = 20000 steps.
 * test/experiments/p1-certificate.test.ts checks that the outcome agrees with full runs.
 */
export function spuriousCertificate(problem: DescentSpec): SettleCheck | undefined {
  const t = problem.teacher;
  const k = t.k;
  const rhoA = aContractionFactor(k, problem.etaA);
  const normAStar = Math.sqrt(t.aStarNormSq);
  const aSp = spuriousA(t.aStar, t.aStarSum);
  const cSp = dot2(aSp, t.aStar);
  const qMax = gFromComplement(SPURIOUS_PI_MINUS_PHI);
  const lossFloor = Math.min(
    minimumLossAtAngle(0, k, t.aStarNormSq, t.aStarSum),
    minimumLossAtAngle(qMax, k, t.aStarNormSq, t.aStarSum),
  );
  if (!(rhoA < 1 && cSp < 0 && lossFloor > (problem.lossTarget ?? DEFAULT_LOSS_TARGET))) return undefined;
  const rMin = (2 * problem.etaA * qMax * normAStar) / (2 * Math.PI) / (1 - rhoA);
  const etaW = problem.etaW; // the settled η_w of every schedule
  return (state, _w, a) => {
    if (!(state.piMinusPhi <= CERTIFIED_PI_MINUS_PHI && state.aDotAStar < 0)) return undefined;
    let sq = 0;
    for (let j = 0; j < k; j++) sq += (a[j] - aSp[j]) ** 2;
    const r = Math.max(Math.sqrt(sq), rMin);
    if (!(cSp + r * normAStar <= cSp / 2)) return undefined;
    const turn = (etaW * (-cSp + r * normAStar) * CERTIFIED_PI_MINUS_PHI) / (2 * Math.PI * state.normU * state.normU);
    return turn <= 0.5 ? 'spurious' : undefined;
  };
}

/**
 * Trials 0 … trials − 1 of every arm at one cellIndex: result[arm][trial]. Arms that differ only in
 * α, β, schedule or T are paired trial by trial (same teacher, same (w_0, a_0)).
 */
export function p1Arms(
  arms: readonly P1Cell[],
  seed: number,
  cellIndex: number,
  trials: number,
  options: P1TrialOptions = {},
): P1Trial[][] {
  if (!Number.isSafeInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive integer (got ${trials})`);
  return arms.map((arm) => Array.from({ length: trials }, (_, i) => p1Trial(arm, seed, cellIndex, i, options)));
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
