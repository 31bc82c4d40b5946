/**
 * The basins of THEORY.md §5 (rebuttal l. 23–24, verbatim):
 *
 *   R1 = {aᵀa* > 0, φ < π/2},   R2 = {aᵀa* < 0, φ > π/2},
 *
 * and the shortcut prior φ_0 = ∠(e, e + w*) < π/2 (rebuttal l. 8–9).
 */
import type { Teacher } from '../model/teacher.ts';

export function inR1(aDotAStar: number, phi: number): boolean {
  return aDotAStar > 0 && phi < Math.PI / 2;
}

export function inR2(aDotAStar: number, phi: number): boolean {
  return aDotAStar < 0 && phi > Math.PI / 2;
}

/**
 * φ_0 = ∠(e, e + w*): the angle of the teacher from the shortcut direction (the angle of w_0 = 0).
 * Computed as 2·atan2(‖ê − v*‖, ‖ê + v*‖) with ê = e/‖e‖ = 1_p/√p.
 */
export function shortcutPriorAngle(t: Teacher): number {
  let dd = 0;
  let ss = 0;
  for (let i = 0; i < t.p; i++) {
    const d = t.vStar[i] - t.e;
    const s = t.vStar[i] + t.e;
    dd += d * d;
    ss += s * s;
  }
  return 2 * Math.atan2(Math.sqrt(dd), Math.sqrt(ss));
}

/** Whether the teacher satisfies the shortcut prior φ_0 < π/2. */
export function satisfiesShortcutPrior(t: Teacher): boolean {
  return shortcutPriorAngle(t) < Math.PI / 2;
}
