/**
 * rebuttal.deep-pd — rebuttal l. 8–14, 37.
 * "We will provide an empirical verification of the partial dissipativity condition for deep
 * ResNets" (l. 11–12); "PD condition holds globally with respect to the well trained model for
 * some deep networks" (l. 37). Formalized on residual networks of depth L ∈ {1, 2, 4, 8} trained
 * from zero residual blocks and w_0 = 0: every block (v, a, each residual block) PD with respect
 * to the trained model on the trajectory and random points around it, with PD radius
 * √(ε/c) ≤ ½·(the block's largest distance). See src/claims/rebuttal.deep-pd.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEEP_PD_DEFAULTS, networkPd } from '../src/experiments/deep-pd.ts';
import { epsilonAt } from '../src/experiments/pd-frontier.ts';
import { itReachesRegistryVerdict, profile } from './claim-harness.ts';

describe('rebuttal.deep-pd', () => {
  itReachesRegistryVerdict('rebuttal.deep-pd');

  it('should report, per block, a frontier consistent with its points (one depth-2 network)', () => {
    const net = networkPd(profile.seed, 2, 0, DEEP_PD_DEFAULTS);
    expect(net.blocks.map((b) => b.block)).toEqual(['v', 'a', 'residual 1', 'residual 2', 'all']);
    // The run starts from θ_0 with the residual blocks at 0, and training lowers L_n.
    expect(net.values[0]).toMatchObject({ kind: 'trajectory', at: 0 });
    expect(net.finalLoss).toBeLessThan(net.initialLoss);
    net.blocks.forEach((b, i) => {
      const inner = net.values.map((v) => v.inner[i]);
      const distSq = net.values.map((v) => v.distSq[i]);
      const f = b.both;
      expect(f.radiusRatio).toBeGreaterThanOrEqual(0);
      expect(f.radiusRatio).toBeLessThanOrEqual(1);
      if (f.c !== null && f.epsilon !== null) {
        // (c*, ε*) is PD on the set: ε(c*) computed from the points is ε* (to rounding).
        expect(Math.abs(epsilonAt(f.c, inner, distSq) - f.epsilon)).toBeLessThanOrEqual(1e-9 * (f.epsilon + f.c * f.maxDistance ** 2));
      } else {
        // Vacuous: a point at the largest distance (random points of one radius tie, to rounding)
        // does not move towards θ_T — then every pair needs ε ≥ c·D².
        const d2 = Math.max(...distSq);
        expect(inner.some((x, j) => x <= 0 && distSq[j] >= d2 * (1 - 1e-9))).toBe(true);
      }
    });
  }, 60_000);
});
