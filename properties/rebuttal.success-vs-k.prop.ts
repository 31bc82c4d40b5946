/**
 * rebuttal.success-vs-k — rebuttal l. 41–45.
 * "a_0ᵀa* = O_p(1/k) … That is why we observe the increase of the success rate … the success rate
 * does not increase to 1 exponentially fast": (a) the rate exponent of the quantiles of |a_0ᵀa*| is
 * −1 (±0.05, 99%); (b1) with β = 10 the P1 success rate rises with k (Cochran–Armitage); (b2) the
 * failure odds decay slower than exponentially (decided only at resolution 0.02). Design, power and
 * the combined verdict rule: src/claims/rebuttal.success-vs-k.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.success-vs-k', () => {
  itReachesRegistryVerdict('rebuttal.success-vs-k');
});
