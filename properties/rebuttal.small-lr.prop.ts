/**
 * rebuttal.small-lr — rebuttal l. 46–47.
 * "using a small learning rate helps GD avoid the spurious optimum … the spurious optimum yields bad
 * generalization": a smaller η_w (β = 0.1) does not lower the P1 success rate against β = 10 (paired,
 * one-sided 95%, Δ = 0.02), and the spurious optimum has L_sp > 0 (D5), where spurious runs end;
 * plus the region of β indistinguishable from β = 0.1. Design: src/claims/rebuttal.small-lr.ts.
 */
import { describe } from 'vitest';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.small-lr', () => {
  itReachesRegistryVerdict('rebuttal.small-lr');
});
