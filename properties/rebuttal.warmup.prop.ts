/**
 * rebuttal.warmup — rebuttal l. 17–19.
 * "our choice of step sizes is consistent with the step size warmup scheme": a linear warm-up of η_w
 * over W = 100 steps succeeds at least as often as the constant step with the same final η_w —
 * paired trials on P1 cells with β = 10 (where constant-step failures occur), one-sided 95%,
 * powered to exclude a deficit of Δ = 0.02. Design and verdict rule: src/claims/rebuttal.warmup.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.warmup', () => {
  itReachesRegistryVerdict('rebuttal.warmup');
});
