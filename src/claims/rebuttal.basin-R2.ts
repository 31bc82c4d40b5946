/**
 * rebuttal.basin-R2 (rebuttal l. 31): "If (w_0, a_0) falls in R2, GD will get trapped in the
 * spurious optimum", with R2 = {aᵀa* < 0, φ > π/2} (l. 23–24).
 *
 * Formalization: a shortcut-prior teacher, a start (w_0, a_0) ∈ R2 built by construction
 * (φ_0 ∈ (π/2, π) from v*, a_0ᵀa* < 0), α ∈ [0.01, 1], β ∈ [0.1, 10], T = 20 000 GD steps (stopping
 * at L ≤ 1e-12). Margin: φ_T − (π − 0.1), positive iff the run ends spurious (THEORY.md §7); a run
 * ending global or undecided is a counterexample.
 *
 * Why we expect it false: while aᵀa* < 0 the angle opens (D3), but a moves towards a(φ) at rate ρ_a
 * (D4, D8) much faster than φ moves, and a(φ)ᵀa* > 0 near φ = π/2 (and at every φ when
 * (1ᵀa*)² > ((π−1+k)/π)‖a*‖², where the spurious point is not a local minimum, D5); once aᵀa* > 0
 * the angle closes.
 */
import fc from 'fast-check';
import { SPURIOUS_PHI, type Outcome } from '../optim/outcome.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import { formatInterval, wilsonInterval } from '../stats/wilson.ts';
import { finiteDouble, studentArb, teacherArb } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { fmt, runUniversal } from './universal-runner.ts';
import { runSpec, type TrainSpec } from './trajectory.ts';

/** GD's horizon T (THEORY.md §7 P1). */
export const BASIN_STEPS = 20_000;
/** R2's open angle range, kept 1e-6 inside its ends. */
const PHI_MIN = Math.PI / 2 + 1e-6;
const PHI_MAX = Math.PI - 1e-6;

/** Shortcut-prior teachers and starts in R2 (by construction), as `train` specs. */
function r2StartArb(): fc.Arbitrary<TrainSpec> {
  return teacherArb({ pMax: 8, kMax: 8, phi0Max: Math.PI / 2 - 1e-9 }).chain((t) =>
    fc
      .record({
        log10AScale: finiteDouble(-2, 1),
        alpha: finiteDouble(0.01, 1),
        beta: finiteDouble(0.1, 10),
      })
      .chain(({ log10AScale, alpha, beta }) =>
        studentArb(t, { phiMin: PHI_MIN, phiMax: PHI_MAX, rMin: 0.1, rMax: 10, sign: -1, aScale: 10 ** log10AScale }).map(
          (s): TrainSpec => {
            const { etaA, etaW } = protocolStepSizes(t.k, alpha, beta);
            return { p: t.p, k: t.k, w0: s.w, a0: s.a, wStar: t.wStar, aStar: t.aStar, etaW, etaA, steps: BASIN_STEPS };
          },
        ),
      ),
  );
}

/** φ_T − (π − 0.1): ≥ 0 iff the run ends spurious; −π for a diverged run. */
function spuriousMargin(spec: TrainSpec): number {
  const phi = runSpec(spec).phi;
  return Number.isFinite(phi) ? phi - SPURIOUS_PHI : -Math.PI;
}

/** Outcome counts of R2 starts, with Wilson 95% intervals. */
function outcomeFractions(ctx: ClaimContext): { counts: Record<Outcome, number>; n: number; summary: string } {
  const samples = fc.sample(r2StartArb(), { numRuns: ctx.budget.runs, seed: ctx.seed });
  const counts: Record<Outcome, number> = { global: 0, spurious: 0, undecided: 0, diverged: 0 };
  for (const spec of samples) counts[runSpec(spec).outcome]++;
  const n = samples.length;
  const summary = (['global', 'spurious', 'undecided'] as const)
    .map((o) => `${o} ${formatInterval(wilsonInterval(counts[o], n), (x) => fmt(x, 3))}`)
    .join(', ');
  return { counts, n, summary: counts.diverged > 0 ? `${summary}, diverged ${counts.diverged}` : summary };
}

export const rebuttalBasinR2: UniversalClaim<TrainSpec> = {
  id: 'rebuttal.basin-R2',
  kind: 'universal',
  title: 'GD started in R2 is trapped in the spurious optimum',
  statement:
    'from any (w_0, a_0) ∈ R2 = {aᵀa* < 0, φ > π/2}, with a shortcut-prior teacher, α ∈ [0.01, 1], β ∈ [0.1, 10], GD ends at the spurious optimum (φ_T > π − 0.1 after T = 20 000 steps)',
  source: {
    lines: 'rebuttal l. 31 (R2: l. 23–24)',
    quoted: [
      '"Different initialization: If (w_0, a_0) falls in R_2, GD will get trapped in the spurious optimum." (l. 31)',
      '"R_2 = {(w, a) | aᵀa* < 0, φ = ∠(1/√p + w, 1/√p + w*) > π/2}" (l. 24)',
    ],
    ours: [
      'teachers with the shortcut prior φ_0 = ∠(e, e + w*) < π/2; p, k ≤ 8; ‖a*‖ ∈ [0.1, 10]; ‖e + w*‖ ∈ [0.5, 2]',
      'starts: φ ∈ [π/2 + 1e-6, π − 1e-6] from v*, ‖e + w_0‖ ∈ [0.1, 10], a_0 = c(−s·a* / ‖a*‖ + ½·(unit ⟂ a*)), s ∈ [1e-3, 1], c ∈ [0.01, 10]',
      'η_a = α·2π/(π−1+k), α ∈ [0.01, 1]; η_w = β·η_a, β ∈ [0.1, 10]; T = 20 000',
      '"trapped in the spurious optimum": φ_T > π − 0.1 (THEORY.md §7); margin φ_T − (π − 0.1)',
    ],
  },
  formalizationVersion: 1,
  expected: 'refuted',
  budgets: {
    dev: { runs: 100, timeMs: 60_000 },
    ci: { runs: 100, timeMs: 60_000 },
    nightly: { runs: 2_000, timeMs: 1_800_000 },
    soak: { runs: 20_000, timeMs: 7_200_000 },
  },
  violation: 'GD started in R2 did not end at the spurious optimum (φ_T ≤ π − 0.1)',
  hypotheses: () => r2StartArb(),
  margin: spuriousMargin,
  toTrainSpec: (spec) => spec,
  run(ctx: ClaimContext): ClaimResult {
    const result = runUniversal(this, ctx);
    const fractions = outcomeFractions(ctx);
    let outcome = '';
    if (result.counterexample !== undefined) {
      const r = runSpec(result.counterexample.input);
      outcome = ` (ends ${r.outcome}: φ_T = ${fmt(r.phi)} after ${r.steps} steps)`;
    }
    return {
      ...result,
      evidence: `${result.evidence}${outcome}; outcomes of ${fractions.n} R2 starts (Wilson 95%): ${fractions.summary}`,
      runs: result.runs + fractions.n,
      details: { ...result.details, outcomes: fractions.counts, outcomeSamples: fractions.n },
    };
  },
};
