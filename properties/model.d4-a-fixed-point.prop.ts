/**
 * model.d4-a-fixed-point — THEORY.md §3 D4 (behind rebuttal l. 32–33).
 * ∇_a L(w, a(φ)) = 0; a(φ)ᵀa* > 0 whenever φ ≤ π/2; with w frozen the a-iteration converges iff
 * η_a < 4π/(π−1+k) (both sides of the threshold). Found: a(φ)ᵀa* = 0 at φ = π/2 when 1ᵀa* = 0.
 * Formalization and measured tolerances: src/claims/model.d4-a-fixed-point.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.d4-a-fixed-point', () => {
  itReachesRegistryVerdict('model.d4-a-fixed-point');
});
