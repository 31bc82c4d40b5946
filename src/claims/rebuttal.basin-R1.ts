/**
 * rebuttal.basin-R1 (rebuttal l. 28–29): from a start in R1 = {aᵀa* > 0, φ < π/2} (l. 23–24),
 * "GD stays in R1, and converges to the global optimum".
 *
 * Formalization: a shortcut-prior teacher, (w_0, a_0) ∈ R1 by construction (φ_0 ∈ (0, π/2) from
 * v*, a_0ᵀa* > 0), α ∈ [0.1, 1], β ∈ [0.1, 10], T = 20 000 GD steps (stopping at L ≤ 1e-12),
 * recorded at every step. The claim holds at a sample iff every iterate t ≤ T has a_tᵀa* > 0 and
 * φ_t < π/2, and the run ends global (THEORY.md §7). Margin: the smallest of
 *
 *   min_t a_tᵀa* / ‖a*‖² + 1e-12,   min_t (π/2 − φ_t),   0.01 − φ_T,   0.01 − ‖a_T − a*‖/‖a*‖.
 *
 * The step sizes are free constants (THEORY.md §6, last paragraph): besides the verdict of this
 * form, `run` reports the fractions of R1 starts that leave R1 and that do not end global (Wilson
 * 95%), and the region of constants — per k = p and β on a grid (α = 1), whether some of a fixed
 * number of R1 starts (the claim's own construction) leaves R1, and the largest β whose starts all
 * end global.
 */
import fc from 'fast-check';
import { runTrainSpec } from '../io/train-spec.ts';
import type { DescentResult } from '../optim/descent.ts';
import { GLOBAL_A_RELATIVE, GLOBAL_PHI } from '../optim/outcome.ts';
import { deriveSeed } from '../random/rng.ts';
import { formatInterval, wilsonInterval } from '../stats/wilson.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import { orthogonalUnit, someOrthogonalUnit } from '../theory/geometry.ts';
import { finiteDouble, normalized, rawVector, studentArb, teacherArb } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { fmt, runUniversal } from './universal-runner.ts';
import { runSpec, type TrainSpec } from './trajectory.ts';

/** GD's horizon T (THEORY.md §7 P1). */
export const BASIN_R1_STEPS = 20_000;
/** R1's open angle range, kept 1e-6 inside its ends. */
const PHI_MIN = 1e-6;
const PHI_MAX = Math.PI / 2 - 1e-6;
/**
 * The smallest α: with α ≥ 0.1, β ≥ 0.1, ‖a*‖ ≥ 1 and ‖e + w_0‖ ≤ 2, T is at least 15 time
 * constants 1/(η_w‖a*‖²/(2r²)) of the slowest w-mode (D9), so a run that is not global at T is not
 * merely slow. Below it, T = 20 000 cannot tell slow from stuck (at α = 0.01, β = 0.1 a run needs
 * ~1e6 steps), and recording every step of longer runs is beyond the budget.
 */
const ALPHA_MIN = 0.1;

interface R1Options {
  readonly k?: number;
  readonly alpha?: number;
  readonly beta?: number;
}

/**
 * a_0 = c·(s·â* + o·q) with â* = a* / ‖a*‖ and q a unit vector ⟂ a*: a_0ᵀa* = c·s·‖a*‖ > 0 by
 * construction. q is random, or (one draw in two) the worst direction for staying in R1: the unit
 * vector of 1 − (1ᵀâ*)â* signed like 1ᵀa*, which maximizes (1ᵀa_0)(1ᵀa*), the term through which
 * one a-step lowers aᵀa* (a_1ᵀa* contains −η_a(1ᵀa_0)(1ᵀa*)/2π, D4).
 */
function r1SecondLayerArb(aStar: readonly number[]): fc.Arbitrary<number[]> {
  const k = aStar.length;
  const unit = Float64Array.from(normalized(aStar));
  const sum = aStar.reduce((acc, x) => acc + x, 0);
  const worst = orthogonalUnit(new Float64Array(k).fill(sum < 0 ? -1 : 1), unit);
  const q = fc.oneof(
    { weight: 1, arbitrary: rawVector(k).map((x) => someOrthogonalUnit(x, unit)) },
    { weight: 1, arbitrary: fc.constant(worst) },
  );
  return fc
    .record({ log10Scale: finiteDouble(-2, 1), log10Along: finiteDouble(-4, 0), across: finiteDouble(0, 1), q })
    .map(({ log10Scale, log10Along, across, q }) =>
      Array.from(unit, (x, j) => 10 ** log10Scale * (10 ** log10Along * x + (q === null ? 0 : across * q[j]))),
    );
}

/**
 * Shortcut-prior teachers and starts in R1 (by construction), as `train` specs recorded every step;
 * `fixed` pins k = p, α or β (for the region of constants).
 */
export function r1StartArb(fixed: R1Options = {}): fc.Arbitrary<TrainSpec> {
  const sizes = fixed.k === undefined ? { pMax: 8, kMax: 8 } : { pMin: fixed.k, pMax: fixed.k, kMin: fixed.k, kMax: fixed.k };
  return teacherArb({ ...sizes, phi0Max: Math.PI / 2 - 1e-9, aStarNormMin: 1, aStarNormMax: 10 }).chain((t) =>
    fc
      .record({
        w0: studentArb(t, { phiMin: PHI_MIN, phiMax: PHI_MAX, rMin: 0.5, rMax: 2, sign: 1, aScale: 1 }).map((s) => s.w),
        a0: r1SecondLayerArb(t.aStar),
        alpha: fixed.alpha === undefined ? finiteDouble(ALPHA_MIN, 1) : fc.constant(fixed.alpha),
        beta: fixed.beta === undefined ? finiteDouble(0.1, 10) : fc.constant(fixed.beta),
      })
      .map(({ w0, a0, alpha, beta }): TrainSpec => {
        const { etaA, etaW } = protocolStepSizes(t.k, alpha, beta);
        return { p: t.p, k: t.k, w0, a0, wStar: t.wStar, aStar: t.aStar, etaW, etaA, steps: BASIN_R1_STEPS, record: { every: 1 } };
      }),
  );
}

/**
 * a_tᵀa* counts as ≤ 0 (outside R1) when a_tᵀa* / ‖a*‖² is below −ALIGNMENT_TOLERANCE: aᵀa* is
 * computed by Dot2, whose error is below 1e-15·‖a‖‖a*‖ for k ≤ 16, and here ‖a_t‖ stays below
 * ‖a_0‖ + 2 max_φ ‖a(φ)‖ ≤ 20‖a*‖ (α ≤ 1 contracts towards a(φ), D4, D8; ‖a_0‖ ≤ 10√2), so a sign
 * decided beyond 1e-12 is not rounding.
 */
export const ALIGNMENT_TOLERANCE = 1e-12;

/** The parts of the margin: staying in R1 (both conditions) and ending global. */
export interface R1Margins {
  /** min_t a_tᵀa* / ‖a*‖² + ALIGNMENT_TOLERANCE (< 0: left R1 through aᵀa* < 0). */
  readonly alignment: number;
  /** min_t (π/2 − φ_t) (< 0: left R1 through φ ≥ π/2). */
  readonly angle: number;
  /** min(0.01 − φ_T, 0.01 − ‖a_T − a*‖/‖a*‖) (< 0: did not end global). */
  readonly global: number;
  /** The first step outside R1, or −1. */
  readonly exitStep: number;
}

/** Where and how deep a recorded run leaves R1. */
function exitMargins(spec: TrainSpec, result: DescentResult): Pick<R1Margins, 'alignment' | 'angle' | 'exitStep'> {
  const aStarNormSq = spec.aStar.reduce((s, x) => s + x * x, 0);
  let alignment = Infinity;
  let angle = Infinity;
  let exitStep = -1;
  for (const point of result.trajectory ?? []) {
    const al = point.aDotAStar / aStarNormSq + ALIGNMENT_TOLERANCE;
    const an = Math.PI / 2 - point.phi;
    if (exitStep < 0 && !(al > 0 && an > 0)) exitStep = point.step;
    alignment = Math.min(alignment, al);
    angle = Math.min(angle, an);
  }
  return {
    alignment: Number.isNaN(alignment) ? -Infinity : alignment,
    angle: Number.isNaN(angle) ? -Infinity : angle,
    exitStep,
  };
}

export function r1Margins(spec: TrainSpec): R1Margins {
  const result = runSpec(spec);
  const aStarNorm = Math.hypot(...spec.aStar);
  const aDistance = Math.hypot(...Array.from(result.a, (x, j) => x - spec.aStar[j])) / aStarNorm;
  const global = Math.min(GLOBAL_PHI - result.phi, GLOBAL_A_RELATIVE - aDistance);
  return { ...exitMargins(spec, result), global: Number.isNaN(global) ? -Infinity : global };
}

/**
 * The exits found happen within the first few steps, so the first PREFIX_STEPS steps are run first:
 * a run that leaves R1 there is a violation whatever follows, and its margin is that prefix's
 * (the whole run is not needed, which keeps shrinking cheap). Otherwise the whole run decides.
 */
const PREFIX_STEPS = 100;

function r1Margin(spec: TrainSpec): number {
  const prefix = exitMargins(spec, runTrainSpec({ ...spec, steps: Math.min(PREFIX_STEPS, spec.steps) }));
  if (prefix.exitStep >= 0) return Math.min(prefix.alignment, prefix.angle);
  const m = r1Margins(spec);
  return Math.min(m.alignment, m.angle, m.global);
}

/** Outcome counts of a set of R1 starts. */
interface R1Counts {
  starts: number;
  /** Starts whose run left R1 at some step. */
  leftR1: number;
  /** Starts whose run did not end global. */
  notGlobal: number;
  /** The smallest a_tᵀa* / ‖a*‖² seen (how deep the exits go). */
  deepest: number;
}

function countOutcomes(specs: readonly TrainSpec[]): R1Counts {
  const counts: R1Counts = { starts: specs.length, leftR1: 0, notGlobal: 0, deepest: Infinity };
  for (const spec of specs) {
    const m = r1Margins(spec);
    if (m.exitStep >= 0) counts.leftR1++;
    if (m.global < 0) counts.notGlobal++;
    counts.deepest = Math.min(counts.deepest, m.alignment - ALIGNMENT_TOLERANCE);
  }
  return counts;
}

/** The region of constants: k = p grid, β grid scanned from large to small, α = 1. */
const REGION_K = [2, 4, 8, 16];
const REGION_BETA = [10, 3, 1, 0.3, 0.1];

interface RegionCell extends R1Counts {
  readonly k: number;
  readonly beta: number;
}

/**
 * Per (k = p, β), α = 1: how many of a fixed number of R1 starts (the claim's own construction)
 * leave R1, and how many do not end global; per k, the largest β whose starts all end global.
 */
function r1Region(ctx: ClaimContext): { cells: RegionCell[]; runs: number; summary: string } {
  const starts = Math.max(4, Math.round(ctx.budget.runs / 20));
  const cells: RegionCell[] = [];
  for (const k of REGION_K) {
    for (const beta of REGION_BETA) {
      const specs = fc.sample(r1StartArb({ k, alpha: 1, beta }), { numRuns: starts, seed: deriveSeed(ctx.seed, k) });
      cells.push({ k, beta, ...countOutcomes(specs) });
    }
  }
  const everyCellLeaves = cells.every((c) => c.leftR1 > 0);
  const largest = REGION_K.map((k) => {
    const ok = cells.find((c) => c.k === k && c.notGlobal === 0);
    return `k=${k}→${ok === undefined ? `<${REGION_BETA[REGION_BETA.length - 1]}` : ok.beta}`;
  }).join(', ');
  const summary =
    `${everyCellLeaves ? 'in every' : `in ${cells.filter((c) => c.leftR1 > 0).length} of ${cells.length}`} (k, β) cell some of ${starts} starts leave R1; ` +
    `largest β with all ending global: ${largest}`;
  return { cells, runs: cells.length * starts, summary };
}

export const rebuttalBasinR1: UniversalClaim<TrainSpec> = {
  id: 'rebuttal.basin-R1',
  kind: 'universal',
  title: 'GD started in R1 stays in R1 and converges to the global optimum',
  statement:
    'from any (w_0, a_0) ∈ R1 = {aᵀa* > 0, φ < π/2}, with a shortcut-prior teacher, α ∈ [0.1, 1], β ∈ [0.1, 10]: every GD iterate stays in R1 and the run ends global after T = 20 000 steps; and the region of β per k (α = 1) where no counterexample is found',
  source: {
    lines: 'rebuttal l. 28–29 (R1: l. 23–24)',
    quoted: [
      '"if a_0ᵀa* > −ε, a_tᵀa* becomes positive in a few iterations, and φ < π/2 still holds. GD stays in R_1, and converges to the global optimum." (l. 29)',
      '"R_1 = {(w, a) | aᵀa* > 0, φ = ∠(1/√p + w, 1/√p + w*) < π/2}" (l. 23)',
    ],
    ours: [
      'the start is in R1 itself (the rebuttal says it of starts with a_0ᵀa* > −ε, w_0 = 0; from R1 it is the weaker, necessary part)',
      'teachers with the shortcut prior; p, k ≤ 8; ‖a*‖ ∈ [1, 10]; ‖e + w*‖ ∈ [0.5, 2]',
      'starts: φ ∈ [1e-6, π/2 − 1e-6] from v*, ‖e + w_0‖ ∈ [0.5, 2], a_0 = c(s·a* / ‖a*‖ + o·q), s ∈ [1e-4, 1], o ∈ [0, 1], c ∈ [0.01, 10] (s, c log-uniform), q ⟂ a* random or the worst direction (the part of ±1 ⟂ a*)',
      `η_a = α·2π/(π−1+k), α ∈ [${ALPHA_MIN}, 1] (T = 20 000 cannot tell slow from stuck below); η_w = β·η_a, β ∈ [0.1, 10]; "stays in R1" checked at every step`,
      'global: φ_T < 0.01 and ‖a_T − a*‖ < 0.01‖a*‖ (THEORY.md §7)',
      `region: k = p ∈ {${REGION_K.join(', ')}}, α = 1, β ∈ {${REGION_BETA.join(', ')}}, budget/20 R1 starts per cell`,
    ],
  },
  formalizationVersion: 2,
  expected: 'refuted',
  budgets: {
    dev: { runs: 2_000, timeMs: 60_000 },
    ci: { runs: 2_000, timeMs: 60_000 },
    nightly: { runs: 20_000, timeMs: 1_800_000 },
    soak: { runs: 200_000, timeMs: 7_200_000 },
  },
  violation: 'GD started in R1 left R1 or did not end global',
  hypotheses: () => r1StartArb(),
  // Margins are distances to R1's boundary / the PD bound: a violation must exceed rounding (1e-9).
  robustness: 1e-9,
  margin: r1Margin,
  toTrainSpec: (spec) => spec,
  run(ctx: ClaimContext): ClaimResult {
    const result = runUniversal(this, ctx);
    let at = '';
    if (result.counterexample !== undefined) {
      const m = r1Margins(result.counterexample.input);
      at =
        m.exitStep >= 0
          ? ` (leaves R1 at step ${m.exitStep}: min a_tᵀa*/‖a*‖² ${fmt(m.alignment - ALIGNMENT_TOLERANCE)}, min π/2 − φ_t ${fmt(m.angle)})`
          : ` (stays in R1 but does not end global: margin ${fmt(m.global)})`;
    }
    const sample = countOutcomes(fc.sample(r1StartArb(), { numRuns: ctx.budget.runs, seed: ctx.seed }));
    const rate = (x: number): string => formatInterval(wilsonInterval(x, sample.starts), (y) => fmt(y, 3));
    const region = r1Region(ctx);
    return {
      ...result,
      evidence:
        `${result.evidence}${at}; of ${sample.starts} R1 starts (Wilson 95%): left R1 ${rate(sample.leftR1)}, ` +
        `did not end global ${rate(sample.notGlobal)}, deepest exit a_tᵀa*/‖a*‖² = ${fmt(sample.deepest)}; ` +
        `region (α = 1): ${region.summary}`,
      runs: result.runs + sample.starts + region.runs,
      details: { ...result.details, sample, region: region.cells },
    };
  },
};
