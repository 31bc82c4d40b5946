/**
 * The basin map of the report: GD's outcome (THEORY.md §7) over a 2-D slice of initial conditions
 * for one fixed teacher, against the basins of THEORY.md §5 (rebuttal l. 23–24)
 *
 *   R1 = {aᵀa* > 0, φ < π/2},   R2 = {aᵀa* < 0, φ > π/2}.
 *
 * The teacher is P2's (p2Instance: a* ~ N(0, I_k), w* = scale·ξ/√p, p = k, drawn with the shortcut
 * prior ∠(e, e + w*) < π/2). The slice has two coordinates:
 *
 *   φ_0 = ∠(e + w_0, e + w*):  e + w_0 = cos φ_0 · v* + sin φ_0 · q   (‖e + w_0‖ = ‖e‖ = 1),
 *   s = a_0ᵀa*:                 a_0 = s · a* / ‖a*‖²                  (P2's start, s ∈ [−r‖a*‖, r‖a*‖]),
 *
 * with q the unit component of e orthogonal to v*, so the plane of w_0 holds e and v*: the row
 * φ_0 = ∠(e, v*) is w_0 = 0 (up to rounding), the line P2 scans. The grid's points are the centres
 * of phiCells × sCells equal cells of (0, π) × [−r‖a*‖, r‖a*‖] (the ends φ_0 = 0, π are the
 * stationary directions, left out). Step sizes η_a = α·2π/(π−1+k), η_w = β·η_a; P2's large step
 * (α = 1, β = 10) by default, where the trap of rebuttal l. 25–30 is expected.
 */
import type { Teacher } from '../model/teacher.ts';
import { gradientDescent } from '../optim/gradient-descent.ts';
import type { Outcome } from '../optim/outcome.ts';
import { atAngle, someOrthogonalUnit } from '../theory/geometry.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import { P2_ALPHA, P2_BETA, p2Instance, p2Start } from './p2-threshold.ts';

export interface BasinMapOptions {
  readonly seed: number;
  /** k = p of the teacher. */
  readonly k: number;
  /** P1's teacher scale (w* = scale·ξ/√p). */
  readonly scale: number;
  readonly alpha: number;
  readonly beta: number;
  /** The horizon T (early stop at L ≤ 1e-12). */
  readonly steps: number;
  readonly phiCells: number;
  readonly sCells: number;
}

/**
 * The report's map: k = p = 8, scale 1, P2's step sizes, a 30 × 30 grid, T = 2000: 900 GD runs in
 * about 3 s on one core of the 2-core CI machine. Runs to the spurious point creep towards φ = π and
 * never stop early, so T sets the cost; on this map T = 2000 classifies every one of the 900 starts
 * as T = 20000 (P1's horizon) does (measured; T = 20000 takes 30 s).
 */
export const BASIN_MAP_DEFAULTS: Omit<BasinMapOptions, 'seed'> = {
  k: 8,
  scale: 1,
  alpha: P2_ALPHA,
  beta: P2_BETA,
  steps: 2000,
  phiCells: 30,
  sCells: 30,
};

export interface BasinCell {
  /** The cell's centre (the start) and its edges. */
  readonly phi0: number;
  readonly phiLo: number;
  readonly phiHi: number;
  readonly s: number;
  readonly sLo: number;
  readonly sHi: number;
  readonly outcome: Outcome;
}

export interface BasinMap {
  readonly options: BasinMapOptions;
  /** ∠(e, e + w*): the row of w_0 = 0. */
  readonly shortcutAngle: number;
  /** r‖a*‖: the slice spans a_0ᵀa* ∈ [−sMax, sMax]. */
  readonly sMax: number;
  readonly etaA: number;
  readonly etaW: number;
  readonly cells: readonly BasinCell[];
}

function assertCells(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer (got ${n})`);
}

/**
 * w_0 with e + w_0 = cos φ_0 · v* + sin φ_0 · q, q the unit component of e orthogonal to v* (so
 * ∠(e + w_0, v*) = φ_0 and ‖e + w_0‖ = 1). When e ∥ v* (p = 1 or w* ∝ e) q is another unit vector
 * orthogonal to v*, and for p = 1 only φ_0 ∈ {0, π} exist ({@link atAngle}).
 */
export function basinStartW(t: Teacher, phi0: number): Float64Array {
  const q = someOrthogonalUnit(new Float64Array(t.p).fill(t.e), t.vStar);
  return atAngle(t.vStar, q, phi0, 1).map((x) => x - t.e);
}

/** Runs GD from every grid point of the slice and records its outcome. */
export function basinMap(o: BasinMapOptions): BasinMap {
  assertCells('phiCells', o.phiCells);
  assertCells('sCells', o.sCells);
  const inst = p2Instance(o.seed, o.k, o.scale, 0);
  const t = inst.teacher;
  const { etaA, etaW } = protocolStepSizes(t.k, o.alpha, o.beta);
  const phiStep = Math.PI / o.phiCells;
  const sStep = (2 * inst.sMax) / o.sCells;
  const cells: BasinCell[] = [];
  for (let i = 0; i < o.phiCells; i++) {
    const phiLo = i * phiStep;
    const phi0 = phiLo + phiStep / 2;
    const w0 = basinStartW(t, phi0);
    for (let j = 0; j < o.sCells; j++) {
      const sLo = -inst.sMax + j * sStep;
      const s = sLo + sStep / 2;
      const { outcome } = gradientDescent({ teacher: t, w0, a0: p2Start(inst, s), etaA, etaW, steps: o.steps });
      cells.push({ phi0, phiLo, phiHi: phiLo + phiStep, s, sLo, sHi: sLo + sStep, outcome });
    }
  }
  return { options: o, shortcutAngle: inst.phi0, sMax: inst.sMax, etaA, etaW, cells };
}
