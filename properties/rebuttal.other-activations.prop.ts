/**
 * rebuttal.other-activations — rebuttal l. 51–53.
 * "The key, partial dissipativity condition, is possible to hold for other networks": not
 * formalized (no activation or network named); the code evaluates ReLU only, and a later issue adds
 * leaky ReLU, softplus, tanh and GELU. See src/claims/rebuttal.other-activations.ts.
 */
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../src/config/profile.ts';
import { runClaim } from '../src/claims/run-claim.ts';
import { claimOrThrow, itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.other-activations', () => {
  itReachesRegistryVerdict('rebuttal.other-activations');

  it('should name what is missing and run nothing', () => {
    const claim = claimOrThrow('rebuttal.other-activations');
    expect(claim.kind === 'estimate' && claim.missing).toMatch(/activations/);
    const record = runClaim(claim, resolveProfile({ profile: 'ci' }));
    expect(record.runs).toBe(0);
    expect(record.evidence).toMatch(/not formalized/);
  });
});
