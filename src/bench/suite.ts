/**
 * The suite benchmark: the wall time of each claim of the registry under the `ci` profile (fixed
 * seed), run in this process one after the other as `shortcut-check verify --profile ci` runs
 * them (with the stored counterexamples replayed first), and the total.
 */
import { CLAIMS } from '../claims/registry.ts';
import { runClaim } from '../claims/run-claim.ts';
import { resolveProfile } from '../config/profile.ts';
import { claimExamples, DEFAULT_STORE } from '../search/counterexample-store.ts';
import type { BenchEntry } from './bench-entry.ts';

export function suiteEntries(onClaim?: (id: string, seconds: number) => void): BenchEntry[] {
  const profile = resolveProfile({ profile: 'ci' });
  const entries: BenchEntry[] = [];
  let total = 0;
  for (const claim of CLAIMS) {
    const examples = claimExamples(DEFAULT_STORE, claim).current;
    const start = performance.now();
    runClaim(claim, profile, examples);
    const seconds = (performance.now() - start) / 1000;
    total += seconds;
    onClaim?.(claim.id, seconds);
    entries.push({ name: 'suite', params: { claim: claim.id, profile: profile.name }, unit: 's', value: seconds });
  }
  entries.push({ name: 'suite', params: { claim: 'all', profile: profile.name }, unit: 's', value: total });
  return entries;
}
