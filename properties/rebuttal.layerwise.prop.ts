/**
 * rebuttal.layerwise — rebuttal l. 32–33.
 * "Training the network in a layer-wise manner (setting learning rate of w to 0) is actually a
 * special case considered in our analysis": from w_0 = 0 and a_0 in the ball, with η_w = 0 until
 * phase 1 has converged the a-iterates converge to a(φ_0) (D4, at D8's rate), and enabling η_w then
 * converges globally. Formalization: src/claims/rebuttal.layerwise.ts.
 */
import { describe, expect, it } from 'vitest';
import { runTrainSpec, type TrainSpec } from '../src/io/train-spec.ts';
import { convergedPhase1, layerwiseMargins, phase1Spec, PHASE2_STEPS } from '../src/claims/rebuttal.layerwise.ts';
import { ballRadius } from '../src/theory/initialization.ts';
import { protocolStepSizes } from '../src/theory/step-sizes.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** k = p = 3, a* = (2, −1, 0.5), a_0 on the ball's boundary in the worst direction −a* / ‖a*‖. */
function worstStart(): TrainSpec {
  const aStar = [2, -1, 0.5];
  const norm = Math.hypot(...aStar);
  const radius = ballRadius(1.5, 3);
  const { etaA, etaW } = protocolStepSizes(3, 1, 1);
  const switchStep = convergedPhase1(3, etaA);
  return {
    p: 3,
    k: 3,
    w0: [0, 0, 0],
    a0: aStar.map((x) => (-radius * x) / norm),
    wStar: [0.3, -0.2, 0.1],
    aStar,
    etaW,
    etaA,
    steps: switchStep + PHASE2_STEPS,
    schedule: { kind: 'layerwise', switchStep },
  };
}

describe('rebuttal.layerwise', () => {
  it('should reach a(φ_0) with w frozen, then the global optimum, from the worst ball direction', () => {
    const spec = worstStart();
    const m = layerwiseMargins(spec);
    expect(m.phase1).toBeGreaterThanOrEqual(0);
    expect(m.phase2).toBeGreaterThanOrEqual(0);
    // Phase 1 leaves w at exactly 0; the whole run ends global.
    expect(Array.from(runTrainSpec(phase1Spec(spec)).w)).toEqual([0, 0, 0]);
    expect(runTrainSpec(spec).outcome).toBe('global');
  });

  itReachesRegistryVerdict('rebuttal.layerwise');
});
