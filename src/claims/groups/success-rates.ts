/** The registry's success-rates claims (see ../registry.ts): the P1 statistical claims. */
import type { Claim } from '../claim.ts';
import { rebuttalInitScale } from '../rebuttal.init-scale.ts';
import { rebuttalSmallLr } from '../rebuttal.small-lr.ts';
import { rebuttalSuccessVsK } from '../rebuttal.success-vs-k.ts';
import { rebuttalWarmup } from '../rebuttal.warmup.ts';

export const successRateClaims: readonly Claim[] = [rebuttalInitScale, rebuttalWarmup, rebuttalSuccessVsK, rebuttalSmallLr];
