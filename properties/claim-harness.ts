/**
 * The one way a property file checks its claim: run the registry's check under the current profile
 * (SHORTCUT_PROFILE, `ci` when CI is set) and require the registry's expected verdict. A failure
 * prints the claim id, the profile, the seed, fast-check's path and the evidence, which is what
 * `SHORTCUT_SEED=<seed> SHORTCUT_PROFILE=<profile> npx vitest run properties/<id>.prop.ts` replays.
 * An interrupted run is `inconclusive`, never a pass.
 */
import { expect, it } from 'vitest';
import { resolveProfile } from '../src/config/profile.ts';
import { claimById } from '../src/claims/registry.ts';
import { runClaim, type ClaimRecord } from '../src/claims/run-claim.ts';
import { violates, type Claim } from '../src/claims/claim.ts';
import { claimExamples, DEFAULT_STORE } from '../src/search/counterexample-store.ts';

export const profile = resolveProfile();

export function claimOrThrow(id: string): Claim {
  const claim = claimById(id);
  if (claim === undefined) throw new Error(`no claim ${JSON.stringify(id)} in the registry`);
  return claim;
}

export function describeFailure(record: ClaimRecord): string {
  const path = (record.details as { path?: string } | undefined)?.path;
  return [
    `claim ${record.id}: verdict ${record.verdict}, registry expects ${record.expected}`,
    `profile ${profile.name}, profile seed ${profile.seed}, claim seed ${record.seed}${path === undefined ? '' : `, path ${path}`}`,
    `evidence: ${record.evidence}`,
    record.counterexample === undefined ? '' : `counterexample input: ${JSON.stringify(record.counterexample.input)}`,
  ].join('\n');
}

/** Registers the test that the claim reaches its registry verdict; returns nothing. */
export function itReachesRegistryVerdict(id: string): void {
  const claim = claimOrThrow(id);
  const budget = claim.budgets[profile.name];
  it(`should reach the registry's verdict "${claim.expected}" (profile ${profile.name})`, () => {
    // Stored counterexamples are replayed first; stale ones are reported, never dropped silently.
    const stored = claimExamples(DEFAULT_STORE, claim);
    for (const s of stored.stale) console.warn(`${id}: stale counterexample (older formalization): ${s.file}`);
    expect(stored.invalid.map((s) => `${s.file}: ${s.error}`), 'invalid counterexample records').toEqual([]);
    const record = runClaim(claim, profile, stored.current);
    expect(record.verdict, describeFailure(record)).toBe(claim.expected);
    if (record.verdict === 'refuted') {
      expect(record.counterexample, 'a refuted verdict must carry a counterexample').toBeDefined();
      if (claim.kind === 'universal' && record.counterexample !== undefined) {
        // The stored hypothesis, re-checked from scratch, still violates the claim.
        const hypothesis = JSON.parse(JSON.stringify(record.counterexample.hypothesis)) as unknown;
        expect(violates(claim, claim.margin(hypothesis))).toBe(true);
      }
    }
  }, budget.timeMs * profile.timeScale + 60_000);
}
