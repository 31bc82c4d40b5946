/**
 * model.d6-a-dissipativity — THEORY.md §3 D6, §4 (behind rebuttal l. 34–37).
 * ⟨−∇_a L, a* − a⟩ ≥ ((π−1)/4π)‖a − a*‖² − h(φ)²‖a*‖²/(4π(π−1)) everywhere (tight at a = a(φ) when
 * 1ᵀa* = 0).
 * Formalization and measured tolerances: src/claims/model.d6-a-dissipativity.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.d6-a-dissipativity', () => {
  itReachesRegistryVerdict('model.d6-a-dissipativity');
});
