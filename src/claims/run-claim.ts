/**
 * Runs one claim of the registry under a profile and returns its record for `verify`, the property
 * files and the report. The claim's seed is derived from the profile's seed and the claim id, so a
 * claim's result does not depend on which other claims ran, nor in which order or process.
 */
import type { Profile } from '../config/profile.ts';
import { deriveSeed } from '../random/rng.ts';
import type { Claim, ClaimResult, Verdict } from './claim.ts';

/** A stable 32-bit hash of a string (FNV-1a). */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function claimSeed(profileSeed: number, id: string): number {
  return deriveSeed(profileSeed, stringHash(id));
}

export interface ClaimRecord extends ClaimResult {
  readonly id: string;
  readonly title: string;
  readonly kind: Claim['kind'];
  readonly expected: Verdict;
  readonly formalizationVersion: number;
  readonly seed: number;
  /** Wall time in ms (kept out of the deterministic JSON report). */
  readonly timeMs: number;
}

export function runClaim(claim: Claim, profile: Profile, examples: readonly unknown[] = []): ClaimRecord {
  const seed = claimSeed(profile.seed, claim.id);
  const base = claim.budgets[profile.name];
  const budget = { runs: base.runs, timeMs: base.timeMs * profile.timeScale };
  const start = performance.now();
  const result = claim.run({ profile, seed, budget, examples });
  const timeMs = performance.now() - start;
  return {
    id: claim.id,
    title: claim.title,
    kind: claim.kind,
    expected: claim.expected,
    formalizationVersion: claim.formalizationVersion,
    seed,
    ...result,
    timeMs,
  };
}
