/**
 * The worker entry point of `verify --workers N` (src/claims/claim-worker.ts): runs the registry's
 * claim of the task's id under the task's profile and examples, and rejects an unknown id. The runs
 * here use a time scale of 1e-9, so the claims' time budgets run out at once (an interrupted run is
 * inconclusive): the record's identity and budget are what is checked.
 */
import { describe, expect, it } from 'vitest';
import claimWorker from '../../src/claims/claim-worker.ts';
import { claimSeed } from '../../src/claims/run-claim.ts';
import { resolveProfile, type Profile } from '../../src/config/profile.ts';

const QUICK: Profile = { ...resolveProfile({ profile: 'ci' }), timeScale: 1e-9 };

describe('claimWorker', () => {
  it("should run the registry's claim of the task's id under the task's profile", () => {
    const record = claimWorker({ id: 'rebuttal.lemma5-any-w0', profile: QUICK, examples: [] });
    expect(record.id).toBe('rebuttal.lemma5-any-w0');
    expect(record.title).toBe('D2 (the norm of e + w only grows under GD) holds for any w_0');
    expect(record.kind).toBe('universal');
    expect(record.expected).toBe('holds');
    expect(record.formalizationVersion).toBe(1);
    expect(record.seed).toBe(claimSeed(QUICK.seed, 'rebuttal.lemma5-any-w0'));
    expect(record.verdict).toBe('inconclusive');
    expect(record.runs).toBeLessThan(1000);
    expect(record.evidence).toMatch(/^time budget of 0\.00002 ms ran out after \d+ of 1000 samples/);
    const nightly = claimWorker({ id: 'rebuttal.lemma5-any-w0', profile: { ...QUICK, name: 'nightly', seed: 3 }, examples: [] });
    expect(nightly.seed).toBe(claimSeed(3, 'rebuttal.lemma5-any-w0'));
    expect(nightly.evidence).toMatch(/^time budget of 0\.0006\d* ms ran out after \d+ of 5000 samples/);
  });

  it('should run another id as its own claim', () => {
    const record = claimWorker({ id: 'rebuttal.pd-global', profile: QUICK, examples: [] });
    expect(record.id).toBe('rebuttal.pd-global');
    expect(record.expected).toBe('refuted');
    expect(record.seed).toBe(claimSeed(QUICK.seed, 'rebuttal.pd-global'));
    expect(record.evidence).toContain('a-block alone');
  });

  it('should reject an id that is not in the registry', () => {
    expect(() => claimWorker({ id: 'no.such-claim', profile: QUICK, examples: [] })).toThrow(RangeError);
    expect(() => claimWorker({ id: 'no.such-claim', profile: QUICK, examples: [] })).toThrow('no claim no.such-claim in the registry');
  });
});
