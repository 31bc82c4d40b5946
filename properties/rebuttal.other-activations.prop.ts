/**
 * rebuttal.other-activations — rebuttal l. 51–53.
 * "The key, partial dissipativity condition, is possible to hold for other networks" (l. 52–53).
 * Formalized on the two-layer model with leaky ReLU (λ = 0.1), softplus, tanh and GELU: PD on R1 in
 * D6/D7's form, the a-block with (c, ε) = (V/2, (V/2)‖a*‖²), V = Var σ(X), the v-block with
 * ⟨−∇_w L, v* − v⟩ ≥ 0; checked by the PD search on the dual-activation model, itself checked
 * against the sample-based model by Monte Carlo; GD from w_0 = 0 against the CNN reported. See
 * src/claims/rebuttal.other-activations.ts.
 */
import { describe, expect, it } from 'vitest';
import { activationPdConstants, modelActivations } from '../src/experiments/activation-pd.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

describe('rebuttal.other-activations', () => {
  itReachesRegistryVerdict('rebuttal.other-activations');

  it('should give every activation a positive c = V/2 and a positive slope κ\' on [0, π/2]', () => {
    const names = modelActivations().map((m) => m.dual.name);
    expect(names).toEqual(['relu', 'leaky-relu(0.1)', 'softplus', 'tanh', 'gelu']);
    for (const m of modelActivations()) {
      const c = activationPdConstants(m.dual);
      expect(c.c, m.dual.name).toBeGreaterThan(0);
      expect(c.minSlopeOnR1, m.dual.name).toBeGreaterThan(0);
    }
  });
});
