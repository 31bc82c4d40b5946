/**
 * model.d7-w-identity — THEORY.md §3 D7, §4 (behind rebuttal l. 34–37).
 * ⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖² as stated. Found: the right side is off by
 * the factor 1 + cos φ (the left side equals D3's (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖)).
 * Formalization and measured tolerances: src/claims/model.d7-w-identity.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.d7-w-identity', () => {
  itReachesRegistryVerdict('model.d7-w-identity');
});
