/** The registry's model claims (see ../registry.ts). */
import type { Claim } from '../claim.ts';

export const modelClaims: readonly Claim[] = [];
