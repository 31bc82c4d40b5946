/**
 * The registry's trajectory claims (see ../registry.ts): the rates of D8/D9 and the rebuttal's claims
 * about where GD goes (Lemma 5's norm growth, the basins R1 and R2, layer-wise training) and the
 * global PD condition.
 */
import type { Claim } from '../claim.ts';
import { rebuttalBasinR1 } from '../rebuttal.basin-R1.ts';
import { rebuttalBasinR2 } from '../rebuttal.basin-R2.ts';
import { rebuttalLayerwise } from '../rebuttal.layerwise.ts';
import { rebuttalLemma5AnyW0 } from '../rebuttal.lemma5-any-w0.ts';
import { rebuttalPdGlobal } from '../rebuttal.pd-global.ts';
import { thmRates } from '../thm.rates.ts';

export const trajectoryClaims: readonly Claim[] = [
  thmRates,
  rebuttalLemma5AnyW0,
  rebuttalBasinR2,
  rebuttalBasinR1,
  rebuttalLayerwise,
  rebuttalPdGlobal,
];
