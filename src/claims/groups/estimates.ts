/** The registry's estimates claims (see ../registry.ts). */
import type { Claim } from '../claim.ts';

export const estimatesClaims: readonly Claim[] = [];
