/**
 * model.d1-orthogonal — THEORY.md §3 D1 (behind rebuttal l. 21).
 * ∇_w L ⟂ (e + w); on the float64 kernel |⟨∇_w L, e + w⟩| is within 16·u·(1 + ‖w − w*‖/‖e + w*‖)·√p of
 * |aᵀa*|(π − φ)/2π (the gradient's prefactor times ‖e + w‖).
 * Formalization and measured tolerances: src/claims/model.d1-orthogonal.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.d1-orthogonal', () => {
  itReachesRegistryVerdict('model.d1-orthogonal');
});
