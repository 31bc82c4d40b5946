/**
 * Counterexample hunting: point a time budget at one claim.
 *
 * - Universal claims, random mode: fast-check's own search (`fc.check` with successive derived
 *   seeds until the budget ends) and its shrinker; the record keeps the seed and path.
 * - Universal claims, targeted mode: ./targeted-search.ts climbs the claim's margin, then
 *   ./shrink.ts shrinks the violation with fast-check's shrinkers.
 * - Statistical and estimate claims: the claim's check is re-run with fresh derived seeds until it
 *   refutes (storing its counterexample) or the budget ends.
 *
 * A found counterexample is stored atomically (./counterexample-store.ts).
 */
import fc from 'fast-check';
import type { Profile } from '../config/profile.ts';
import { violates, type Claim, type ClaimContext, type UniversalClaim } from '../claims/claim.ts';
import { counterexampleOf } from '../claims/universal-runner.ts';
import { deriveSeed } from '../random/rng.ts';
import { storeCounterexample } from './counterexample-store.ts';
import { shrinkFailure } from './shrink.ts';
import { targetedSearch, type SearchProgress } from './targeted-search.ts';

export interface HuntOptions {
  readonly claim: Claim;
  readonly profile: Profile;
  readonly seed: number;
  readonly timeMs: number;
  readonly targeted: boolean;
  readonly store: string;
  readonly onProgress?: (p: SearchProgress) => void;
}

export interface HuntResult {
  readonly claim: string;
  readonly mode: 'random' | 'targeted' | 'rerun';
  readonly found: boolean;
  readonly file?: string;
  readonly margin?: number;
  readonly bestMargin: number;
  readonly samples: number;
  readonly elapsedMs: number;
  readonly seed: number;
}

/** The share of the budget the targeted mode may spend shrinking a violation. */
const SHRINK_SHARE = 0.25;

function context(o: HuntOptions, seed: number): ClaimContext {
  return { profile: o.profile, seed, budget: o.claim.budgets[o.profile.name], examples: [] };
}

function huntRandom<H>(claim: UniversalClaim<H>, o: HuntOptions): HuntResult {
  const start = performance.now();
  let samples = 0;
  let bestMargin = Infinity;
  let lastReport = start;
  const arb = claim.hypotheses(context(o, o.seed));
  for (let round = 0; performance.now() - start < o.timeMs; round++) {
    const seed = deriveSeed(o.seed, round);
    const property = fc.property(arb, (h) => {
      const m = claim.margin(h);
      samples++;
      if (m < bestMargin) bestMargin = m;
      const now = performance.now();
      if (o.onProgress !== undefined && now - lastReport > 1000) {
        lastReport = now;
        o.onProgress({ elapsedMs: now - start, samples, bestMargin });
      }
      return !violates(claim, m);
    });
    const remaining = Math.max(1, o.timeMs - (performance.now() - start));
    const details = fc.check(property, {
      seed,
      numRuns: 1_000_000_000,
      interruptAfterTimeLimit: remaining,
      markInterruptAsFailure: false,
    });
    if (details.failed && details.counterexample !== null) {
      const h = details.counterexample[0];
      const margin = claim.margin(h);
      const file = storeCounterexample(o.store, counterexampleOf(claim, h, margin), {
        tool: 'shortcut-check hunt',
        mode: 'random',
        seed,
        path: details.counterexamplePath ?? undefined,
        profile: o.profile.name,
        samples,
      });
      return { claim: claim.id, mode: 'random', found: true, file, margin, bestMargin: margin, samples, elapsedMs: performance.now() - start, seed };
    }
    if (details.interrupted) break;
  }
  return { claim: claim.id, mode: 'random', found: false, bestMargin, samples, elapsedMs: performance.now() - start, seed: o.seed };
}

function huntTargeted<H>(claim: UniversalClaim<H>, o: HuntOptions): HuntResult {
  const start = performance.now();
  const arb = claim.hypotheses(context(o, o.seed));
  const robustness = claim.robustness ?? 0;
  // Shifted so that 'margin < 0' means a violation in the claim's sense.
  const margin = (h: H): number => claim.margin(h) + robustness;
  const search = targetedSearch(arb, margin, { seed: o.seed, timeMs: o.timeMs * (1 - SHRINK_SHARE), onProgress: o.onProgress });
  const best = search.best;
  if (best === null || !(best.margin < 0)) {
    return {
      claim: claim.id,
      mode: 'targeted',
      found: false,
      bestMargin: best?.margin ?? Infinity,
      samples: search.samples,
      elapsedMs: performance.now() - start,
      seed: o.seed,
    };
  }
  const shrunk = shrinkFailure(arb, best.value, best.context, margin, {
    evaluations: 10_000,
    deadline: start + o.timeMs,
  });
  const found = claim.margin(shrunk.value);
  const file = storeCounterexample(o.store, counterexampleOf(claim, shrunk.value, found), {
    tool: 'shortcut-check hunt',
    mode: 'targeted',
    seed: o.seed,
    path: `draws:${best.draws.length},shrinks:${shrunk.steps}`,
    profile: o.profile.name,
    samples: search.samples + shrunk.evaluations,
  });
  return {
    claim: claim.id,
    mode: 'targeted',
    found: true,
    file,
    margin: found,
    bestMargin: found,
    samples: search.samples + shrunk.evaluations,
    elapsedMs: performance.now() - start,
    seed: o.seed,
  };
}

function huntRerun(o: HuntOptions): HuntResult {
  const start = performance.now();
  let runs = 0;
  for (let round = 0; performance.now() - start < o.timeMs; round++) {
    const seed = deriveSeed(o.seed, round);
    const result = o.claim.run(context(o, seed));
    runs += result.runs;
    o.onProgress?.({ elapsedMs: performance.now() - start, samples: runs, bestMargin: result.verdict === 'refuted' ? -1 : 1 });
    if (result.verdict === 'refuted' && result.counterexample !== undefined) {
      const file = storeCounterexample(o.store, result.counterexample, {
        tool: 'shortcut-check hunt',
        mode: 'rerun',
        seed,
        profile: o.profile.name,
        samples: runs,
      });
      return {
        claim: o.claim.id,
        mode: 'rerun',
        found: true,
        file,
        margin: result.counterexample.margin,
        bestMargin: result.counterexample.margin,
        samples: runs,
        elapsedMs: performance.now() - start,
        seed,
      };
    }
  }
  return { claim: o.claim.id, mode: 'rerun', found: false, bestMargin: Infinity, samples: runs, elapsedMs: performance.now() - start, seed: o.seed };
}

export function hunt(o: HuntOptions): HuntResult {
  if (o.claim.kind !== 'universal') return huntRerun(o);
  return o.targeted ? huntTargeted(o.claim, o) : huntRandom(o.claim, o);
}
