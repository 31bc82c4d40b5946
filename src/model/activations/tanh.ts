/**
 * The hyperbolic tangent: σ(s) = tanh s, σ'(s) = 1 − tanh² s.
 *
 * σ is odd, so the network is invariant under (v, a) → (−v, −a): the point φ = π, a = −a* is a
 * second global optimum (zero loss), not a spurious one: E σ(X) = 0 and the dual activation is odd
 * (./dual-activation.ts). Analytic in |Im s| < π/2.
 */
import type { Activation } from './activation.ts';

export const tanh: Activation = {
  name: 'tanh',
  value: (s) => Math.tanh(s),
  derivative: (s) => {
    const t = Math.tanh(s);
    return 1 - t * t;
  },
};
