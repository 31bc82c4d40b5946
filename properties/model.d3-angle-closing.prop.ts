/**
 * model.d3-angle-closing — THEORY.md §3 D3 (behind rebuttal l. 25–29).
 * ⟨−∇_w L, v*⟩ = (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖): the angle closes iff aᵀa* > 0; on the float64
 * kernel to a measured rounding tolerance.
 * Formalization and measured tolerances: src/claims/model.d3-angle-closing.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('model.d3-angle-closing', () => {
  itReachesRegistryVerdict('model.d3-angle-closing');
});
