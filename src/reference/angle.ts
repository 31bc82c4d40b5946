/**
 * The angle φ = ∠(u, u*) ∈ [0, π] between u = e + w and u* = e + w*, π − φ, and
 * h(φ) = π − g(φ), g(φ) = (π − φ) cos φ + sin φ (THEORY.md §1–2), from exact inputs:
 *
 *   G = ‖u‖²‖u*‖² − (uᵀu*)²  (the Gram determinant, exact, ≥ 0),   c = uᵀu*,   R = ‖u‖‖u*‖,
 *   sin φ = √G / R,   cos φ = c / R,
 *   φ = arctan(√G / c) if c > 0;   π − φ = arctan(√G / |c|) if c < 0;   φ = π/2 if c = 0,
 *
 * which is THEORY.md's φ = 2·atan2(‖v − v*‖, ‖v + v*‖) written without the rounded unit vectors
 * (no acos of a rounded cosine). h is evaluated without cancellation at both ends:
 *
 *   φ ≤ π/2:  h = π (1 − cos φ) − q(φ),   1 − cos φ = G / (R (R + c)),
 *   φ > π/2:  h = π − q(π − φ),
 *
 * with q(x) = sin x − x cos x (./series.ts); this is THEORY.md §2's
 * h = 2π sin²(φ/2) − (sin φ − φ cos φ), and for φ > π/2 uses g(φ) = q(π − φ).
 *
 * ## Special cases (decided exactly, from the signs of G and c)
 * - G = 0, c > 0 (u = λu*, λ > 0): φ = 0, h = 0 exactly.
 * - G = 0, c < 0 (u = −λu*): φ = π, h = π exactly.
 * - c = 0: φ = π/2, h = π − 1 exactly.
 * In these cases h is returned symbolically as h = hPi·π + hOne (integers), so that the loss and
 * ∇_a L can decide their exact zeros (e.g. ∇_a L = 0 at k = 1, a = 0, φ = π).
 */
import type { Decimal } from 'decimal.js';
import { workingContext } from './decimal-context.ts';
import { sqrtDecimal } from './fixed-point.ts';
import { atanNonNegative, piAt, sinMinusXCos } from './series.ts';

/** h = hPi·π + hOne exactly (special angles only). */
export interface SymbolicH {
  readonly hPi: bigint;
  readonly hOne: bigint;
}

export interface AngleValues {
  /** φ ∈ [0, π]. */
  readonly phi: Decimal;
  /** π − φ, to full relative precision near φ = π. */
  readonly piMinusPhi: Decimal;
  /** h(φ) = π − g(φ) ≥ 0. */
  readonly h: Decimal;
  /** Set when φ ∈ {0, π/2, π} exactly. */
  readonly symbolic: SymbolicH | null;
}

/** Exact inputs of {@link angleAt}: G, c and R at working precision, and the exact signs. */
export interface AngleInputs {
  /** The Gram determinant G ≥ 0 (exactly 0 iff u ∥ u*). */
  readonly gram: Decimal;
  readonly gramIsZero: boolean;
  /** c = uᵀu*. */
  readonly dot: Decimal;
  readonly dotSign: -1 | 0 | 1;
  /** R = ‖u‖ ‖u*‖ > 0. */
  readonly normProduct: Decimal;
}

/** φ, π − φ and h(φ) at working precision `precision` (relative error ≲ 10^(3−precision)). */
export function angleAt(input: AngleInputs, precision: number): AngleValues {
  const ctor = workingContext(precision);
  const pi = piAt(precision);
  if (input.gramIsZero) {
    // u and u* parallel: c ≠ 0 since c² = ‖u‖²‖u*‖² > 0.
    return input.dotSign > 0
      ? { phi: new ctor(0), piMinusPhi: pi, h: new ctor(0), symbolic: { hPi: 0n, hOne: 0n } }
      : { phi: pi, piMinusPhi: new ctor(0), h: pi, symbolic: { hPi: 1n, hOne: 0n } };
  }
  if (input.dotSign === 0) {
    const half = pi.div(2);
    return { phi: half, piMinusPhi: half, h: pi.minus(1), symbolic: { hPi: 1n, hOne: -1n } };
  }
  const root = sqrtDecimal(input.gram, precision, ctor);
  const sinPhi = root.div(input.normProduct);
  const cosAbs = input.dot.abs().div(input.normProduct);
  if (input.dotSign > 0) {
    const phi = atanNonNegative(root.div(input.dot), precision);
    const oneMinusCos = input.gram.div(input.normProduct.times(input.normProduct.plus(input.dot)));
    const q = sinMinusXCos(phi, sinPhi, cosAbs, precision);
    return { phi, piMinusPhi: pi.minus(phi), h: pi.times(oneMinusCos).minus(q), symbolic: null };
  }
  const psi = atanNonNegative(root.div(input.dot.abs()), precision);
  const q = sinMinusXCos(psi, sinPhi, cosAbs, precision);
  return { phi: pi.minus(psi), piMinusPhi: psi, h: pi.minus(q), symbolic: null };
}
