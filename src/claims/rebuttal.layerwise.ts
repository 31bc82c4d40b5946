/**
 * rebuttal.layerwise (rebuttal l. 32–33): "Training the network in a layer-wise manner (setting
 * learning rate of w to 0) is actually a special case considered in our analysis."
 *
 * Formalization (THEORY.md §6): GD with the layerwise schedule (η_w = 0 for the first S steps, then
 * η_w), from w_0 = 0 and a_0 in the initialization ball, shortcut-prior teacher:
 *
 * - phase 1 (w frozen at 0, φ = φ_0): the a-iterates converge to a(φ_0) at D8's rate,
 *     ‖a_S − a(φ_0)‖ ≤ ρ_a^S ‖a_0 − a(φ_0)‖·(1 + D8_TOLERANCE) + PHASE1_FLOOR·(‖a(φ_0)‖ + ‖a*‖);
 * - phase 2 (both layers trained from (0, a_S)): the run ends global (THEORY.md §7).
 *
 * Margin: the smaller of phase 1's relative slack and phase 2's min(0.01 − φ_T, 0.01 − ‖a_T − a*‖/‖a*‖)
 * scaled by 1/0.01. The counterexample's `train` spec is the phase-1 run (steps S) when phase 1 fails,
 * else the whole run.
 */
import fc from 'fast-check';
import { makeTeacher } from '../model/teacher.ts';
import { scaledNorm } from '../model/vector-norm.ts';
import { GLOBAL_A_RELATIVE, GLOBAL_PHI } from '../optim/outcome.ts';
import { aFixedPointAt } from '../theory/a-fixed-point-at.ts';
import { aContractionFactor } from '../theory/a-fixed-point.ts';
import { ballRadius } from '../theory/initialization.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import { formatInterval, wilsonInterval } from '../stats/wilson.ts';
import { ballPointArb, finiteDouble, teacherArb } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { D8_TOLERANCE } from './thm.rates.ts';
import { fmt, runUniversal } from './universal-runner.ts';
import { runSpec, type TrainSpec } from './trajectory.ts';

/** GD steps after the switch (THEORY.md §7 P1's horizon). */
export const PHASE2_STEPS = 20_000;
/** Phase 1 lasts S = S_1 + extra steps, extra ≤ MAX_EXTRA. */
const MAX_EXTRA = 200;
/** Phase 1 "has converged" when ρ_a^S ≤ PHASE1_CONTRACTION. */
const PHASE1_CONTRACTION = 1e-8;

/** S_1: the smallest S with ρ_a^S ≤ PHASE1_CONTRACTION (ρ_a < 1 for α ∈ (0, 2)). */
export function convergedPhase1(k: number, etaA: number): number {
  const rho = aContractionFactor(k, etaA);
  return rho === 0 ? 1 : Math.max(1, Math.ceil(Math.log(PHASE1_CONTRACTION) / Math.log(rho)));
}
/**
 * The rounding floor of phase 1, relative to ‖a(φ_0)‖ + ‖a*‖: the float iteration settles within
 * O(u)/(1 − ρ_a) of a(φ_0) instead of converging to it. Measured: ‖a_S − a(φ_0)‖ exceeded
 * ρ_a^S‖a_0 − a(φ_0)‖ by at most 1.1e-15·(‖a(φ_0)‖ + ‖a*‖) over 6000 runs (3 seeds, α ≥ 0.1, S
 * converged or not); 1e-14.
 */
export const PHASE1_FLOOR = 1e-14;

/**
 * The layerwise run: a `train` spec with schedule {layerwise, switchStep: S}, steps S + PHASE2_STEPS;
 * S = S_1 + extra (phase 1 converged), or with `unconverged` S ∈ [1, S_1) (for contrast only; where
 * S_1 = 1, i.e. k = 1 with α within ~1e-8 of 1, that range is empty and S is 0 or 1).
 */
export function layerwiseArb(unconverged = false): fc.Arbitrary<TrainSpec> {
  return teacherArb({ pMax: 8, kMax: 8, phi0Max: Math.PI / 2 - 1e-9, aStarNormMin: 1, aStarNormMax: 10 }).chain((t) =>
    fc
      .record({
        a0: ballPointArb(t.aStar, ballRadius(t.aStar.reduce((s, x) => s + x, 0), t.k)),
        alpha: finiteDouble(0.1, 1),
        beta: finiteDouble(0.1, 10),
        extra: fc.integer({ min: 0, max: MAX_EXTRA }),
        fraction: finiteDouble(0, 1),
      })
      .map(({ a0, alpha, beta, extra, fraction }): TrainSpec => {
        const { etaA, etaW } = protocolStepSizes(t.k, alpha, beta);
        const s1 = convergedPhase1(t.k, etaA);
        const switchStep = unconverged ? 1 + Math.floor(fraction * (s1 - 2)) : s1 + extra;
        return {
          p: t.p,
          k: t.k,
          w0: new Array<number>(t.p).fill(0),
          a0,
          wStar: t.wStar,
          aStar: t.aStar,
          etaW,
          etaA,
          steps: switchStep + PHASE2_STEPS,
          schedule: { kind: 'layerwise', switchStep },
        };
      }),
  );
}

function switchStepOf(spec: TrainSpec): number {
  if (typeof spec.schedule !== 'object' || spec.schedule.kind !== 'layerwise') {
    throw new RangeError(`a layerwise spec needs schedule {kind: "layerwise", switchStep} (got ${JSON.stringify(spec.schedule)})`);
  }
  return spec.schedule.switchStep;
}

/** The phase-1 run alone: the same spec stopped at the switch. */
export function phase1Spec(spec: TrainSpec): TrainSpec {
  return { ...spec, steps: switchStepOf(spec) };
}

/** ‖x − y‖. */
function distance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return scaledNorm(Float64Array.from({ length: x.length }, (_, j) => x[j] - y[j]));
}

export interface LayerwiseMargins {
  /** Phase 1: (bound − observed)/(bound) with bound = ρ_a^S d_0 (1 + tol) + floor. */
  readonly phase1: number;
  /** Phase 2: min(0.01 − φ_T, 0.01 − ‖a_T − a*‖/‖a*‖)/0.01. */
  readonly phase2: number;
  /** ‖a_S − a(φ_0)‖ and ρ_a^S ‖a_0 − a(φ_0)‖. */
  readonly observed: number;
  readonly rate: number;
}

export function layerwiseMargins(spec: TrainSpec): LayerwiseMargins {
  const t = makeTeacher(Float64Array.from(spec.wStar), Float64Array.from(spec.aStar));
  const aPhi0 = aFixedPointAt(t, spec.w0);
  const first = runSpec(phase1Spec(spec));
  const observed = distance(first.a, aPhi0);
  const rate = aContractionFactor(t.k, spec.etaA) ** first.steps * distance(spec.a0, aPhi0);
  const aStarNorm = Math.sqrt(t.aStarNormSq);
  const bound = rate * (1 + D8_TOLERANCE) + PHASE1_FLOOR * (scaledNorm(aPhi0) + aStarNorm);
  const whole = runSpec(spec);
  const phase2 = Math.min(GLOBAL_PHI - whole.phi, GLOBAL_A_RELATIVE - distance(whole.a, t.aStar) / aStarNorm) / GLOBAL_PHI;
  return {
    phase1: (bound - observed) / bound,
    phase2: Number.isNaN(phase2) ? -Infinity : phase2,
    observed,
    rate,
  };
}

export const rebuttalLayerwise: UniversalClaim<TrainSpec> = {
  id: 'rebuttal.layerwise',
  kind: 'universal',
  title: 'Layer-wise training: a converges to a(φ_0) with w frozen, then GD converges globally',
  statement:
    'w_0 = 0, a_0 in the ball, shortcut-prior teacher: with η_w = 0 for S steps the a-iterates converge to a(φ_0) at D8\'s rate (D4), and enabling η_w then converges to the global optimum',
  source: {
    lines: 'rebuttal l. 32–33',
    quoted: [
      '"Training the network in a layer-wise manner (setting learning rate of w to 0) is actually a special case considered in our analysis." (l. 32–33)',
    ],
    ours: [
      'the two phases of THEORY.md §6: phase 1 checked against D8 (ρ_a = spectral radius of I − η_a A), phase 2 as "ends global" (THEORY.md §7)',
      'teachers with the shortcut prior; p, k ≤ 8; ‖a*‖ ∈ [1, 10]; a_0 anywhere in B(0, |1ᵀa*|/√k) (boundary and ±a* / ‖a*‖ directions included)',
      'α, β ≥ 0.1 and ‖a*‖ ≥ 1 so that the 20 000 steps after the switch are ≥ 15 time constants of the slowest w-mode (as in rebuttal.basin-R1): a run not global at T is then not merely slow',
      `η_a = α·2π/(π−1+k), α ∈ [0.1, 1]; η_w = β·η_a after the switch, β ∈ [0.1, 10]; S = S_1 + extra, S_1 the first S with ρ_a^S ≤ ${PHASE1_CONTRACTION} (phase 1 has converged: "then"), extra ∈ [0, ${MAX_EXTRA}]; T = S + ${PHASE2_STEPS}`,
      `phase 1 within relative tolerance ${D8_TOLERANCE} (thm.rates) plus a rounding floor ${PHASE1_FLOOR}·(‖a(φ_0)‖ + ‖a*‖) (measured)`,
    ],
  },
  formalizationVersion: 1,
  expected: 'holds',
  budgets: {
    dev: { runs: 1_000, timeMs: 60_000 },
    ci: { runs: 1_000, timeMs: 60_000 },
    nightly: { runs: 5_000, timeMs: 1_800_000 },
    soak: { runs: 50_000, timeMs: 7_200_000 },
  },
  violation: 'phase 1 missed D8\'s bound towards a(φ_0), or phase 2 did not end global',
  hypotheses: () => layerwiseArb(),
  margin: (spec) => {
    const m = layerwiseMargins(spec);
    return Math.min(m.phase1, m.phase2);
  },
  toTrainSpec: (spec) => (layerwiseMargins(spec).phase1 < 0 ? phase1Spec(spec) : spec),
  run(ctx: ClaimContext): ClaimResult {
    let phase1 = Infinity;
    let phase2 = Infinity;
    const tracked: UniversalClaim<TrainSpec> = {
      ...this,
      margin: (spec) => {
        const m = layerwiseMargins(spec);
        phase1 = Math.min(phase1, m.phase1);
        phase2 = Math.min(phase2, m.phase2);
        return Math.min(m.phase1, m.phase2);
      },
    };
    const result = runUniversal(tracked, ctx);
    // Contrast (not part of the verdict): the same runs switched before phase 1 has converged.
    const early = fc.sample(layerwiseArb(true), { numRuns: ctx.budget.runs, seed: ctx.seed });
    const notGlobal = early.filter((spec) => !(layerwiseMargins(spec).phase2 >= 0)).length;
    const rate = formatInterval(wilsonInterval(notGlobal, early.length), (x) => fmt(x, 3));
    return {
      ...result,
      evidence:
        `${result.evidence}; smallest phase-1 slack ${fmt(phase1)}, smallest phase-2 margin ${fmt(phase2)}; ` +
        `switched before phase 1 converged (S < S_1), ${rate} of ${early.length} runs do not end global (Wilson 95%)`,
      runs: result.runs + early.length,
      details: { ...result.details, phase1MinMargin: phase1, phase2MinMargin: phase2, unconverged: { runs: early.length, notGlobal } },
    };
  },
};
