/**
 * rebuttal.other-activations (rebuttal l. 51–53): "ReLU is one of the most commonly used activation
 * function. These assumptions eases our analysis but is not necessary. The key, partial
 * dissipativity condition, is possible to hold for other networks."
 *
 * Not formalized: the sources name no activation, no network ("other networks"), say neither
 * whether the normalization ‖v‖ = 1 is kept nor with respect to which optimum PD should hold, and
 * give no constants. Nothing in the current code evaluates an activation other than ReLU: the
 * closed forms (THEORY.md §2) and the sample-based model are ReLU-only. A later issue adds leaky
 * ReLU, softplus, tanh and GELU to the sample-based model with Monte-Carlo PD estimates; until then
 * the check runs nothing (the ReLU case is `rebuttal.pd-global`).
 */
import type { ClaimContext, ClaimResult, OtherClaim } from './claim.ts';

const MISSING =
  'which activations and which "other networks", whether ‖v‖ = 1 is kept, the optimum PD is taken with respect to, and the PD constants; the code evaluates ReLU only (closed forms and sample model)';

/** The activations a later issue adds to the sample-based model. */
const PLANNED_ACTIVATIONS = ['leaky ReLU', 'softplus', 'tanh', 'GELU'];

export const rebuttalOtherActivations: OtherClaim = {
  id: 'rebuttal.other-activations',
  kind: 'estimate',
  title: 'Partial dissipativity can hold for activations other than ReLU',
  statement:
    'PD (THEORY.md §4) can hold for networks with activations other than ReLU. Not formalized: no activation or network is named; nothing in the code evaluates other activations yet',
  source: {
    lines: 'rebuttal l. 51–53',
    quoted: [
      '"The assumption ||v|| = 1 is used to stabilize the training, and ReLU is one of the most commonly used activation function. These assumptions eases our analysis but is not necessary" (l. 51–52)',
      '"The key, partial dissipativity condition, is possible to hold for other networks" (l. 52–53)',
    ],
    ours: [
      `planned nearest check (a later issue): the two-layer model with σ ∈ {${PLANNED_ACTIVATIONS.join(', ')}} on Gaussian batches, PD of both blocks estimated by Monte Carlo`,
      'the ReLU case is checked by rebuttal.pd-global',
    ],
  },
  missing: MISSING,
  formalizationVersion: 1,
  expected: 'not-formalized',
  budgets: {
    dev: { runs: 0, timeMs: 1_000 },
    ci: { runs: 0, timeMs: 1_000 },
    nightly: { runs: 0, timeMs: 1_000 },
    soak: { runs: 0, timeMs: 1_000 },
  },
  run(ctx: ClaimContext): ClaimResult {
    return {
      verdict: 'not-formalized',
      evidence: `not formalized (missing: activations, networks, optimum, PD constants); no nearest check: the code evaluates ReLU only, a later issue adds ${PLANNED_ACTIVATIONS.join('/')} (ReLU: rebuttal.pd-global)`,
      runs: 0,
      details: { seed: ctx.seed, missing: MISSING, plannedActivations: PLANNED_ACTIVATIONS, nearestCheck: null },
    };
  },
};
