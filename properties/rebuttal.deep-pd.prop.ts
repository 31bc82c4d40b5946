/**
 * rebuttal.deep-pd — rebuttal l. 8–12, 37.
 * "We will provide an empirical verification of the partial dissipativity condition for deep
 * ResNets": not formalized (no deep architecture, data, "well trained model" or constants in the
 * sources). The nearest check (PD of both blocks of the two-layer model along GD trajectories with
 * respect to the trained model) is reported in details. See src/claims/rebuttal.deep-pd.ts.
 */
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../src/config/profile.ts';
import { runClaim } from '../src/claims/run-claim.ts';
import { claimOrThrow, itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.deep-pd', () => {
  itReachesRegistryVerdict('rebuttal.deep-pd');

  it('should say what is missing and report the nearest check on every trajectory', () => {
    const claim = claimOrThrow('rebuttal.deep-pd');
    expect(claim.kind === 'estimate' && claim.missing).toMatch(/architecture/);
    const record = runClaim(claim, resolveProfile({ profile: 'ci' }));
    const rows = (record.details as { nearestCheck: { a: { points: number }; v: { points: number } }[] }).nearestCheck;
    expect(rows.length).toBe(record.runs);
    for (const row of rows) expect(row.a.points).toBeGreaterThan(0);
  });
});
