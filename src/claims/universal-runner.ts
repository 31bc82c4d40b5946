/**
 * Runs a universal claim through fast-check: the stored counterexamples first (`examples`), then
 * `budget.runs` samples of the claim's hypotheses from the claim's seed, shrinking any violation.
 * An interrupted run (time limit) is never a pass: its verdict is `inconclusive`.
 */
import fc from 'fast-check';
import { violates, type ClaimContext, type ClaimResult, type Counterexample, type UniversalClaim } from './claim.ts';

/** A number in short, exact-enough form for evidence lines. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  // The range test is on the rounded value, so 99 995 (4 digits) prints 1.000e+5 as 1e5 does.
  const rounded = Number(x.toPrecision(digits));
  const a = Math.abs(rounded);
  return a >= 1e-3 && a < 1e5 ? String(rounded) : x.toExponential(digits - 1);
}

/** The counterexample record of hypothesis h. */
export function counterexampleOf<H>(claim: UniversalClaim<H>, h: H, margin: number): Counterexample {
  return {
    claim: claim.id,
    formalizationVersion: claim.formalizationVersion,
    input: claim.toTrainSpec(h),
    hypothesis: h,
    violated: claim.violation,
    margin,
  };
}

export function runUniversal<H>(claim: UniversalClaim<H>, ctx: ClaimContext): ClaimResult {
  let minMargin = Infinity;
  let evaluated = 0;
  let thrown: unknown = undefined;
  const property = fc.property(claim.hypotheses(ctx), (h) => {
    let m: number;
    try {
      m = claim.margin(h);
    } catch (error) {
      thrown ??= error;
      throw error;
    }
    evaluated++;
    if (m < minMargin) minMargin = m;
    return !violates(claim, m);
  });
  const examples = (ctx.examples ?? []).map((h) => [h] as [H]);
  const details = fc.check(property, {
    seed: ctx.seed,
    numRuns: ctx.budget.runs,
    examples,
    interruptAfterTimeLimit: ctx.budget.timeMs,
    markInterruptAsFailure: false,
  });
  if (thrown !== undefined) throw thrown;
  if (details.failed && details.counterexample !== null) {
    const h = details.counterexample[0];
    const margin = claim.margin(h);
    return {
      verdict: 'refuted',
      evidence: `${claim.violation}: margin ${fmt(margin)} after ${details.numShrinks} shrinks (seed ${ctx.seed}, path ${details.counterexamplePath})`,
      runs: details.numRuns,
      details: { seed: ctx.seed, path: details.counterexamplePath, numShrinks: details.numShrinks, minMargin: margin },
      counterexample: counterexampleOf(claim, h, margin),
    };
  }
  if (details.interrupted) {
    return {
      verdict: 'inconclusive',
      evidence: `time budget of ${ctx.budget.timeMs} ms ran out after ${details.numRuns} of ${ctx.budget.runs} samples; smallest margin ${fmt(minMargin)}`,
      runs: details.numRuns,
      details: { seed: ctx.seed, interrupted: true, minMargin },
    };
  }
  return {
    verdict: 'holds',
    evidence: `no counterexample in ${details.numRuns} samples (${examples.length} stored replayed); smallest margin ${fmt(minMargin)}`,
    runs: details.numRuns,
    details: { seed: ctx.seed, minMargin, evaluated },
  };
}
