/** The registry's trajectory claims (see ../registry.ts). */
import type { Claim } from '../claim.ts';

export const trajectoryClaims: readonly Claim[] = [];
