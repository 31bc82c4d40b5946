/**
 * GELU (Hendrycks and Gimpel 2016), the exact form with the standard normal cdf Φ:
 *
 *   σ(s) = s·Φ(s),   σ'(s) = Φ(s) + s·ϕ(s),   ϕ(s) = e^{−s²/2}/√(2π).
 *
 * Φ comes from ../../stats/normal.ts (relative error below 1e-13). σ is entire, so its Hermite
 * coefficients decay faster than geometrically (./hermite-dual.ts).
 */
import { normalCdf } from '../../stats/normal.ts';
import type { Activation } from './activation.ts';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export const gelu: Activation = {
  name: 'gelu',
  value: (s) => s * normalCdf(s),
  derivative: (s) => normalCdf(s) + s * INV_SQRT_2PI * Math.exp(-0.5 * s * s),
};
