/** The registry's estimates claims (see ../registry.ts): P2–P4 of THEORY.md §7 and the claims not yet formalized. */
import type { Claim } from '../claim.ts';
import { rebuttalDeepPd } from '../rebuttal.deep-pd.ts';
import { rebuttalOtherActivations } from '../rebuttal.other-activations.ts';
import { rebuttalSgdLargeBatch } from '../rebuttal.sgd-large-batch.ts';
import { rebuttalTrapThreshold } from '../rebuttal.trap-threshold.ts';
import { thmPolynomialTime } from '../thm.polynomial-time.ts';

export const estimatesClaims: readonly Claim[] = [
  thmPolynomialTime,
  rebuttalSgdLargeBatch,
  rebuttalTrapThreshold,
  rebuttalDeepPd,
  rebuttalOtherActivations,
];
