/** The registry's success-rates claims (see ../registry.ts). */
import type { Claim } from '../claim.ts';

export const successRateClaims: readonly Claim[] = [];
