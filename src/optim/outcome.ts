/**
 * The outcome classification of THEORY.md §7: after T steps, **global** if φ_T < 0.01 and
 * ‖a_T − a*‖ < 0.01‖a*‖; **spurious** if φ_T > π − 0.1; else **undecided**. A run whose iterates
 * leave the finite doubles is **diverged** (a step size beyond the stability threshold).
 */

export const OUTCOMES = ['global', 'spurious', 'undecided', 'diverged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const GLOBAL_PHI = 0.01;
export const GLOBAL_A_RELATIVE = 0.01;
export const SPURIOUS_PHI = Math.PI - 0.1;

/** Classifies a final state from φ_T and ‖a_T − a*‖, ‖a*‖. */
export function classifyOutcome(phi: number, aDistance: number, aStarNorm: number): Outcome {
  if (!Number.isFinite(phi) || !Number.isFinite(aDistance)) return 'diverged';
  if (phi < GLOBAL_PHI && aDistance < GLOBAL_A_RELATIVE * aStarNorm) return 'global';
  if (phi > SPURIOUS_PHI) return 'spurious';
  return 'undecided';
}
