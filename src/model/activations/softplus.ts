/**
 * Softplus, the smooth ReLU:
 *
 *   σ(s) = log(1 + eˢ) = max(s, 0) + log1p(e^{−|s|}),   σ'(s) = 1/(1 + e^{−s}) (the logistic function).
 *
 * The second form neither overflows for large s nor loses the tail for very negative s.
 * Analytic in the strip |Im s| < π, so its Hermite coefficients decay fast (./hermite-dual.ts).
 */
import type { Activation } from './activation.ts';

export const softplus: Activation = {
  name: 'softplus',
  value: (s) => Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))),
  derivative: (s) => (s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s))),
};
