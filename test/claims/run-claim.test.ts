/**
 * runClaim (src/claims/run-claim.ts): the record of one claim's run. The claim's seed is derived
 * from the profile's seed and the claim's id only (FNV-1a of the id, then deriveSeed), the budget is
 * the claim's budget for the profile's name with the time scaled by the profile's time scale, stored
 * examples are passed through, and the record carries the claim's identity, the result and the wall
 * time.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimContext, ClaimResult, OtherClaim } from '../../src/claims/claim.ts';
import { claimSeed, runClaim, stringHash } from '../../src/claims/run-claim.ts';
import { resolveProfile, type Profile } from '../../src/config/profile.ts';
import { deriveSeed } from '../../src/random/rng.ts';

/** The ci profile at time scale 1 (a Stryker run sets SHORTCUT_TIME_SCALE). */
const CI: Profile = { ...resolveProfile({ profile: 'ci' }), timeScale: 1 };

/** A statistical toy claim that records the context it was run with. */
function toy(id: string, result: ClaimResult, busyMs = 0): { claim: OtherClaim; seen: ClaimContext[] } {
  const seen: ClaimContext[] = [];
  const claim: OtherClaim = {
    id,
    title: `toy ${id}`,
    statement: 'a toy statement',
    source: { lines: 'test', quoted: [], ours: ['toy'] },
    formalizationVersion: 7,
    expected: 'inconclusive',
    kind: 'estimate',
    budgets: {
      dev: { runs: 11, timeMs: 100 },
      ci: { runs: 22, timeMs: 200 },
      nightly: { runs: 33, timeMs: 300 },
      soak: { runs: 44, timeMs: 400 },
    },
    run(ctx) {
      seen.push(ctx);
      const until = performance.now() + busyMs;
      while (performance.now() < until) {
        // busy
      }
      return result;
    },
  };
  return { claim, seen };
}

describe('stringHash', () => {
  it('should be 32-bit FNV-1a (the published test vectors)', () => {
    expect(stringHash('')).toBe(0x811c9dc5);
    expect(stringHash('a')).toBe(0xe40c292c);
    expect(stringHash('foobar')).toBe(0xbf9cf968);
    expect(stringHash('rebuttal.layerwise')).toBeGreaterThanOrEqual(0);
    expect(stringHash('rebuttal.layerwise')).toBeLessThan(2 ** 32);
    expect(stringHash('ab')).not.toBe(stringHash('ba'));
  });
});

describe('claimSeed', () => {
  it("should derive the claim's seed from the profile's seed and the id's hash", () => {
    expect(claimSeed(20191209, 'thm.main')).toBe(deriveSeed(20191209, stringHash('thm.main')));
    expect(claimSeed(20191209, 'thm.main')).toBe(-972288035);
    expect(claimSeed(20191209, 'thm.rates')).not.toBe(claimSeed(20191209, 'thm.main'));
    expect(claimSeed(1, 'thm.main')).not.toBe(claimSeed(20191209, 'thm.main'));
  });
});

describe('runClaim', () => {
  it("should run the claim with its seed, the profile's budget with scaled time, and the stored examples", () => {
    const { claim, seen } = toy('toy.one', { verdict: 'holds', evidence: 'fine', runs: 5 });
    const profile: Profile = { ...CI, name: 'nightly', seed: 99, timeScale: 3 };
    const examples = [{ x: 1 }, { x: 2 }];
    runClaim(claim, profile, examples);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ profile, seed: claimSeed(99, 'toy.one'), budget: { runs: 33, timeMs: 900 }, examples });
    expect(seen[0].profile).toBe(profile);
    expect(seen[0].examples).toBe(examples);
  });

  it('should pass no stored examples by default', () => {
    const { claim, seen } = toy('toy.two', { verdict: 'holds', evidence: 'fine', runs: 5 });
    runClaim(claim, CI);
    expect(seen[0].examples).toEqual([]);
    expect(seen[0].budget).toEqual({ runs: 22, timeMs: 200 });
    expect(seen[0].seed).toBe(claimSeed(CI.seed, 'toy.two'));
  });

  it("should return the claim's identity, its seed, the whole result and the wall time", () => {
    const counterexample = {
      claim: 'toy.three',
      formalizationVersion: 7,
      input: { p: 1, k: 1, w0: [0], a0: [1], wStar: [0], aStar: [1], etaW: 1, etaA: 1, steps: 0 },
      hypothesis: 3,
      violated: 'x',
      margin: -1,
    };
    const result: ClaimResult = { verdict: 'refuted', evidence: 'broken at 3', runs: 12, details: { a: 1 }, counterexample };
    const { claim } = toy('toy.three', result, 30);
    const profile: Profile = { ...CI, name: 'dev', seed: 5 };
    const record = runClaim(claim, profile);
    const { timeMs, ...rest } = record;
    expect(rest).toEqual({
      id: 'toy.three',
      title: 'toy toy.three',
      kind: 'estimate',
      expected: 'inconclusive',
      formalizationVersion: 7,
      seed: claimSeed(5, 'toy.three'),
      verdict: 'refuted',
      evidence: 'broken at 3',
      runs: 12,
      details: { a: 1 },
      counterexample,
    });
    expect(timeMs).toBeGreaterThanOrEqual(29);
    expect(timeMs).toBeLessThan(10_000);
  });
});
