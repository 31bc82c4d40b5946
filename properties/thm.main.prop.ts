/**
 * thm.main — abstract; rebuttal l. 13–19, 55–56.
 * "GD converge to the global optimum in polynomial time": w_0 = 0, a_0 anywhere in the ball,
 * φ_0 ≤ φ̄ < π/2, η_a ≤ 2π/(π−1+k), η_w ≤ κ·η_a ⇒ GD reaches L ≤ δ. Formalization and region of
 * constants: src/claims/thm.main.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('thm.main', () => {
  itReachesRegistryVerdict('thm.main');
});
